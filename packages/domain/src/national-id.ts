import { z } from 'zod';
import type { Action } from './actions.ts';
import { NonBlankText } from './input.ts';

const TransactionIdText = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'use letters, digits, -, _, . and : (a UUID is ideal)');

/** The national ID system confirms a registration it was asked for: the child's new national ID. */
export const ConfirmRegistrationBody = z.strictObject({
  nationalId: z.string().min(1).max(50).describe("the child's new national ID (the country's nationalIdPattern)"),
  transactionId: TransactionIdText.optional().describe(
    'client-generated id; default: one per request, so a repeated confirmation writes nothing',
  ),
});
export type ConfirmRegistrationBody = z.infer<typeof ConfirmRegistrationBody>;

/** The national ID system refuses a registration: the declaration goes back for updates with the reason. */
export const RejectRegistrationBody = z.strictObject({
  reason: NonBlankText(1000).describe('why the national ID system refused it (shown to the registry staff)'),
  transactionId: TransactionIdText.optional().describe('client-generated id; default: one per request'),
});
export type RejectRegistrationBody = z.infer<typeof RejectRegistrationBody>;

export type RegistrationAnswer =
  ({ kind: 'confirm' } & ConfirmRegistrationBody) | ({ kind: 'reject' } & RejectRegistrationBody);

/** The national ID the national ID system gave the record's subject on confirming its registration, if any. */
export function confirmedNationalId(actions: readonly Action[]): string | null {
  const confirmed = actions.findLast(
    (a) => a.type === 'REGISTER' && a.status === 'Accepted' && typeof a.content?.nationalId === 'string',
  );
  return (confirmed?.content?.nationalId as string | undefined) ?? null;
}
