import { z } from 'zod';
import { EventDocument, TransactionId } from '../events/index.ts';
import { IssueAnnotation, PrintAnnotation } from '@lifeline/domain';

// The annotations of PRINT_CERTIFICATE and ISSUE_CERTIFICATE are domain schemas (shared, one per action).
export { Collector, CollectorType, IdType, IssueAnnotation, PrintAnnotation } from '@lifeline/domain';

const version = z.number().int().min(0).optional().describe('expected record version; 409 if it has changed');

/** The annotation is checked after the record's state (a record that cannot be printed answers 409 first). */
export const PrintBody = z.strictObject({
  transactionId: TransactionId,
  annotation: PrintAnnotation.optional(),
  version,
});
export type PrintBody = z.infer<typeof PrintBody>;

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
  standing: z
    .enum(['VALID', 'SUPERSEDED', 'REVOKED'])
    .describe('as public verification answers: SUPERSEDED after an approved correction, REVOKED with the registration'),
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
