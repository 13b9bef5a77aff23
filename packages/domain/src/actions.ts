import { z } from 'zod';

export const ACTION_TYPES = [
  'CREATE',
  'NOTIFY',
  'DECLARE',
  'VALIDATE',
  'REGISTER',
  'REJECT',
  'ARCHIVE',
  'ASSIGN',
  'UNASSIGN',
  'DELETE',
  'READ',
  'DUPLICATE_DETECTED',
  'MARK_AS_DUPLICATE',
  'MARK_AS_NOT_DUPLICATE',
  'PRINT_CERTIFICATE',
  'REQUEST_CORRECTION',
  'APPROVE_CORRECTION',
  'REJECT_CORRECTION',
  'ISSUE_CERTIFICATE',
  'REVOKE',
  'REINSTATE',
  // Brings an archived declaration back for review (the status it returns to is in the action's content).
  'UNARCHIVE',
] as const;
export const ActionType = z.enum(ACTION_TYPES);
export type ActionType = z.infer<typeof ActionType>;

/** Whether an action is done, or awaits (or was refused) confirmation by an outside system. */
export const ActionStatus = z.enum(['Requested', 'Accepted', 'Rejected']);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const EVENT_STATUSES = ['CREATED', 'NOTIFIED', 'DECLARED', 'REGISTERED', 'ARCHIVED'] as const;
export const EventStatus = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof EventStatus>;

export const FLAGS = [
  'validated',
  'rejected',
  'potential-duplicate',
  'printed',
  'issued',
  'correction-requested',
  'revoked',
  // REGISTER is recorded as requested: the national ID system must confirm (or reject) it first.
  'registration-requested',
  // Registered elsewhere before Lifeline and brought in by `lifeline import` (the REGISTER's content says from where).
  'imported',
] as const;
export const Flag = z.enum(FLAGS);
export type Flag = z.infer<typeof Flag>;

/** JSON object of form values keyed by field id. */
export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;

/** One entry of a record's append-only history. */
export const Action = z.object({
  id: z.string(),
  type: ActionType,
  status: ActionStatus,
  transactionId: z.string(),
  createdBy: z.string(),
  createdByRole: z.string(),
  createdAtLocation: z.string().nullable(),
  createdAt: z.string(),
  /** The declaration values this action changed (a partial update); null = none. */
  declaration: JsonObject.nullable(),
  /** Action-specific form values (e.g. who collects a certificate). */
  annotation: JsonObject.nullable(),
  /** Action-specific facts (reason for rejection, duplicates found, assignee...). */
  content: JsonObject.nullable(),
  registrationNumber: z.string().nullable(),
});
export type Action = z.infer<typeof Action>;

/** Actions that change a record's substance; they release the record's assignment when done. */
export const WRITE_ACTIONS = new Set<ActionType>([
  'NOTIFY',
  'DECLARE',
  'VALIDATE',
  'REGISTER',
  'REJECT',
  'ARCHIVE',
  'MARK_AS_DUPLICATE',
  'MARK_AS_NOT_DUPLICATE',
  'PRINT_CERTIFICATE',
  'REQUEST_CORRECTION',
  'APPROVE_CORRECTION',
  'REJECT_CORRECTION',
  'ISSUE_CERTIFICATE',
  'REVOKE',
  'REINSTATE',
  'UNARCHIVE',
]);
