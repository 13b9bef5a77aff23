import { Action, ActionType, EventStatus, Flag, JsonObject, NonBlankText } from '@lifeline/domain';
import { z } from 'zod';

/** A record as the API returns it: current state plus its full history. */
export const EventDocument = z.object({
  id: z.uuid(),
  type: z.string(),
  trackingId: z.string(),
  status: EventStatus,
  flags: z.array(Flag),
  declaration: JsonObject,
  registrationNumber: z.string().nullable(),
  title: z.string().describe('the name the record is known by, e.g. the child'),
  dateOfEvent: z.string().nullable(),
  placeOfEvent: z.string().nullable(),
  assignedTo: z.string().nullable(),
  createdBy: z.string(),
  createdAtLocation: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  actions: z.array(Action),
});
export type EventDocument = z.infer<typeof EventDocument>;

/** What an action answers: the record's state and version; its history only when asked (`?include=actions`). */
export const ActionReply = EventDocument.omit({ actions: true }).extend({
  actions: z.array(Action).optional().describe('the whole history, only with ?include=actions (else GET the record)'),
});
export type ActionReply = z.infer<typeof ActionReply>;

export const ActionQuery = z.strictObject({
  include: z
    .enum(['actions'])
    .optional()
    .describe("actions: answer with the record's whole history too (by default only its state and version)"),
});

export const TransactionId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'use letters, digits, -, _, . and : (a UUID is ideal)')
  .describe('client-generated id: sending the same one again returns the first result and changes nothing');

export const CreateEventBody = z.strictObject({ type: z.string().min(1).max(50), transactionId: TransactionId });

export const ActionBody = z.strictObject({
  transactionId: TransactionId,
  declaration: JsonObject.optional().describe('changed form values (partial update); null removes an answer'),
  annotation: JsonObject.optional().describe(
    "action-specific facts, checked against the action type's schema (domain ACTION_ANNOTATIONS); refused for an " +
      'action that takes none',
  ),
  content: z
    .strictObject({
      reason: NonBlankText(1000).optional(),
      duplicateOf: z.uuid().optional().describe('MARK_AS_DUPLICATE: the record this one duplicates'),
      resolution: z
        .enum(['ARCHIVE', 'REJECT'])
        .optional()
        .describe('MARK_AS_DUPLICATE: archive this record (default) or send it back for updates'),
    })
    .optional()
    .describe('action facts: reason (required for REJECT, REVOKE, corrections, MARK_AS_NOT_DUPLICATE)'),
  reason: NonBlankText(1000).optional().describe('shorthand for content.reason'),
  version: z.number().int().min(0).optional().describe('expected record version; 409 if it has changed'),
});
export type ActionBody = z.infer<typeof ActionBody>;

export const ActionParams = z.object({ id: z.uuid(), type: ActionType });
export const EventParams = z.object({ id: z.uuid() });

export const DraftBody = z.strictObject({ declaration: JsonObject, annotation: JsonObject.optional() });
export const Draft = z.object({
  eventId: z.string(),
  declaration: JsonObject,
  annotation: JsonObject.nullable(),
  updatedAt: z.string(),
});
