import { z } from 'zod';

/**
 * Annotations: the action-specific facts a client sends with an action (who collects a certificate, the fee paid),
 * kept in the record's permanent log. Each action that takes one has its schema here; any other action refuses one,
 * so nobody can append free-form data to the log.
 */

export const PaymentMethod = z.enum(['CASH', 'CARD', 'MOBILE_MONEY', 'BANK_TRANSFER']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** A fee paid at the counter; the amount must be the fee the server computes (see GET .../certificates). */
export const PaymentInput = z.strictObject({
  amount: z.number().min(0).max(1_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. USD'),
  method: PaymentMethod,
});
export type PaymentInput = z.infer<typeof PaymentInput>;

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
  identityVerified: z
    .boolean()
    .optional()
    .describe("the clerk checked the collector's ID document; must be true, except when printing in advance"),
  payment: PaymentInput,
});
export type PrintAnnotation = z.infer<typeof PrintAnnotation>;

export const IssueAnnotation = z.strictObject({
  certificateId: z.string().min(1).max(64).optional().describe('default: the oldest one printed in advance'),
  collector: Collector,
  identityVerified: z.boolean(),
});
export type IssueAnnotation = z.infer<typeof IssueAnnotation>;
