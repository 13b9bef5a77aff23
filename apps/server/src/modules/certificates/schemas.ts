import { z } from 'zod';
import { EventDocument, TransactionId } from '../events/index.ts';
import { PaymentInput } from '../payments/index.ts';

export const CollectorType = z.enum(['INFORMANT', 'MOTHER', 'FATHER', 'OTHER', 'PRINT_IN_ADVANCE']);
export const IdType = z.enum(['NATIONAL_ID', 'PASSPORT', 'BIRTH_REGISTRATION_NUMBER', 'DRIVING_LICENSE', 'OTHER']);

export const Collector = z.strictObject({
  type: CollectorType.describe('who takes the certificate; PRINT_IN_ADVANCE = print now, hand over later (ISSUE)'),
  idType: IdType.optional(),
  idNumber: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe('must match the ID on the record for a parent/informant'),
  name: z.string().trim().min(1).max(200).optional().describe('full name (OTHER)'),
  relationship: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('relationship to the person on the record (OTHER)'),
});
export type Collector = z.infer<typeof Collector>;

export const PrintAnnotation = z.strictObject({
  templateId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('checked: the first print is the certificate, then copies'),
  collector: Collector,
  identityVerified: z.boolean().describe("the clerk checked the collector's ID document"),
  payment: PaymentInput,
});
export type PrintAnnotation = z.infer<typeof PrintAnnotation>;

const version = z.number().int().min(0).optional().describe('expected record version; 409 if it has changed');

/** The annotation is checked after the record's state (a record that cannot be printed answers 409 first). */
export const PrintBody = z.strictObject({
  transactionId: TransactionId,
  annotation: PrintAnnotation.optional(),
  version,
});
export type PrintBody = z.infer<typeof PrintBody>;

export const IssueAnnotation = z.strictObject({
  certificateId: z.string().min(1).max(64).optional().describe('default: the oldest one printed in advance'),
  collector: Collector,
  identityVerified: z.boolean(),
});
export type IssueAnnotation = z.infer<typeof IssueAnnotation>;

export const IssueBody = z.strictObject({
  transactionId: TransactionId,
  annotation: IssueAnnotation.optional(),
  version,
});
export type IssueBody = z.infer<typeof IssueBody>;

export const CertificateRef = z.object({
  id: z.string(),
  pdfUrl: z.string().describe('GET it with the same token: application/pdf'),
  verifyUrl: z.string().describe('what the QR code holds: the public verification page with the signed payload'),
  receiptNumber: z.string().nullable(),
});
export type CertificateRef = z.infer<typeof CertificateRef>;

export const PrintResponse = EventDocument.extend({ certificate: CertificateRef.nullable() });

export const Money = z.object({ amount: z.number(), currency: z.string() });

export const CertificateSummary = CertificateRef.extend({
  templateId: z.string(),
  kind: z.enum(['CERTIFICATE', 'CERTIFIED_COPY']),
  printedAt: z.string(),
  printedBy: z.string(),
  printInAdvance: z.boolean(),
  issued: z.boolean(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const CertificatesOfRecord = z.object({
  next: z
    .object({
      templateId: z.string(),
      kind: z.enum(['CERTIFICATE', 'CERTIFIED_COPY']),
      timeliness: z.enum(['ON_TIME', 'LATE', 'DELAYED']),
      fee: Money,
    })
    .nullable()
    .describe('what the next print will be and cost; null before registration'),
  certificates: z.array(CertificateSummary),
});

export const EventParams = z.object({ id: z.uuid() });
export const CertificatePdfParams = z.object({ id: z.string().regex(/^[\w-]{8,64}$/) });
