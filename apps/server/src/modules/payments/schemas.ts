import { z } from 'zod';

export const PaymentMethod = z.enum(['CASH', 'CARD', 'MOBILE_MONEY', 'BANK_TRANSFER']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** A fee paid at the counter; the amount must be the fee the server computes (see GET .../certificates). */
export const PaymentInput = z.strictObject({
  amount: z.number().min(0).max(1_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. USD'),
  method: PaymentMethod,
});
export type PaymentInput = z.infer<typeof PaymentInput>;

export const DailyReportQuery = z.strictObject({
  date: z.iso.date().describe('calendar day in the country time zone, YYYY-MM-DD'),
  officeId: z.string().min(1).max(64).optional().describe("an office id; default: the caller's office (national: all)"),
});
