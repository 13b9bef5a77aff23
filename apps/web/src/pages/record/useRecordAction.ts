import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError, api } from '../../api/client.ts';
import type { EventDocument } from '../../api/types.ts';
import { newId } from '../../forms/ids.ts';
import type { OutboxAction } from '../../offline/outbox.ts';
import { enqueue } from '../../offline/sender.ts';

/** Actions the record page performs itself (declaring and editing happen in the form). */
export type RecordPageAction =
  | 'ASSIGN'
  | 'UNASSIGN'
  | 'VALIDATE'
  | 'REGISTER'
  | 'REJECT'
  | 'ARCHIVE'
  | 'MARK_AS_DUPLICATE'
  | 'MARK_AS_NOT_DUPLICATE'
  | 'REQUEST_CORRECTION'
  | 'APPROVE_CORRECTION'
  | 'REJECT_CORRECTION'
  | 'REVOKE'
  | 'REINSTATE'
  | 'UNARCHIVE';

export interface RecordActionRequest {
  type: RecordPageAction;
  reason?: string;
  /** MARK_AS_DUPLICATE: the detected record this one duplicates (this one is then archived). */
  duplicateOf?: string;
  /** A correction: the corrected answers, and who asked, why, the evidence and the fee. */
  declaration?: Record<string, unknown>;
  annotation?: Record<string, unknown>;
}

const ASSIGNMENT = new Set<RecordPageAction>(['ASSIGN', 'UNASSIGN']);

/**
 * Decisions that can wait on the device for the connection (registering cannot: numbers come from the server), and
 * correction requests (a registrar's one-step correction cannot: it changes the register at once).
 */
export const QUEUEABLE = new Set<RecordPageAction>(['VALIDATE', 'REJECT', 'ARCHIVE', 'REQUEST_CORRECTION']);

/** The decision was kept on the device (no connection): the outbox sends it when the connection returns. */
export class QueuedOffline extends Error {}

/**
 * Perform an action on the record as the user saw it: decisions carry the record's version, so a record changed
 * by someone else meanwhile is refused (409) instead of being acted on blindly.
 */
export function useRecordAction(record: EventDocument) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ type, reason, duplicateOf, declaration, annotation }: RecordActionRequest) => {
      const body = {
        transactionId: newId(),
        ...(ASSIGNMENT.has(type) ? {} : { version: record.version }),
        ...(reason || duplicateOf ? { content: { reason, duplicateOf } } : {}),
        ...(declaration ? { declaration } : {}),
        ...(annotation ? { annotation } : {}),
      };
      try {
        return await api<EventDocument>(`/api/events/${record.id}/actions/${type}?include=actions`, { body });
      } catch (error) {
        if (!(error instanceof NetworkError) || !QUEUEABLE.has(type)) throw error;
        // Same transactionId and version as this try: sent later, it is this decision, once. A correction
        // request's documents may still be on this device (`local:` paths): the outbox uploads them first.
        await enqueue({
          eventId: record.id,
          type: record.type,
          action: type as OutboxAction,
          transactionId: body.transactionId,
          version: record.version,
          ...(body.content ? { content: body.content } : {}),
          ...(declaration ? { declaration } : {}),
          ...(annotation ? { annotation } : {}),
          title: record.title || record.trackingId,
        });
        throw new QueuedOffline('kept on this device until the connection returns');
      }
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(['record', updated.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['workqueues'] });
      void queryClient.invalidateQueries({ queryKey: ['search'] });
      // Corrections and revocations change what the record's certificates are worth.
      void queryClient.invalidateQueries({ queryKey: ['certificates', updated.id] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: ['record', record.id] });
      }
    },
  });
}
