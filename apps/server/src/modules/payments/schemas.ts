import { z } from 'zod';

// Shared with the web app: the payment that comes with a print (domain annotations).
export { PaymentInput, PaymentMethod } from '@lifeline/domain';

export const DailyReportQuery = z.strictObject({
  date: z.iso.date().describe('calendar day in the country time zone, YYYY-MM-DD'),
  officeId: z.string().min(1).max(64).optional().describe("an office id; default: the caller's office (national: all)"),
});
