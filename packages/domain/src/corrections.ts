import { z } from 'zod';
import { IdType, PaymentInput } from './annotations.ts';
import { Text } from './text.ts';
import { FileValue } from './values.ts';

/**
 * Corrections of a registered record, as the law asks them to be kept: who asked, why (from the country's list of
 * reasons), the evidence (uploaded documents) and the fee paid. The annotation of REQUEST_CORRECTION (and of a
 * registrar's one-step APPROVE_CORRECTION) has this schema; the server checks it against the country's config and
 * the record.
 */

export const CorrectionRequesterType = z.enum(['INFORMANT', 'MOTHER', 'FATHER', 'OTHER']);
export type CorrectionRequesterType = z.infer<typeof CorrectionRequesterType>;

export const CorrectionRequester = z.strictObject({
  type: CorrectionRequesterType.describe('who asks for the correction; OTHER = someone else (name, ID, relationship)'),
  idType: IdType.optional(),
  idNumber: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe('must match the ID on the record for a parent or the informant, when the record holds one'),
  name: z.string().trim().min(1).max(200).optional().describe('full name (OTHER)'),
  relationship: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('relationship to the person on the record (OTHER)'),
  identityVerified: z.boolean().describe("the clerk checked the requester's ID document"),
});
export type CorrectionRequester = z.infer<typeof CorrectionRequester>;

export const CorrectionAnnotation = z.strictObject({
  requester: CorrectionRequester,
  reason: z.strictObject({
    type: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'a reason id of the country config, e.g. CLERICAL_ERROR')
      .describe("one of the event's correction reasons (country config)"),
    detail: z.string().trim().min(1).max(1000).optional().describe('free text; required for a reason that asks it'),
  }),
  documents: z
    .array(FileValue.extend({ option: z.string().min(1).max(100).optional().describe('what the document is') }))
    .max(20)
    .optional()
    .describe('supporting documents, uploaded with the files API first'),
  payment: PaymentInput.optional().describe('the correction fee of the country config, when there is one'),
});
export type CorrectionAnnotation = z.infer<typeof CorrectionAnnotation>;

/** The country's rules for corrections of one event type. */
export const CorrectionConfig = z.object({
  reasons: z
    .array(
      z.object({
        id: z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/),
        label: Text,
        /** The requester must say more in free text (e.g. "Other"). */
        requiresDetail: z.boolean().optional(),
      }),
    )
    .min(1),
  /** The fee for a correction, in the country's currency; 0 or absent = free. */
  fee: z.number().min(0).max(1_000_000).optional(),
});
export type CorrectionConfig = z.infer<typeof CorrectionConfig>;
