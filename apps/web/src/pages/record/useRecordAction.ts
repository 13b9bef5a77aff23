import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.ts';
import type { EventDocument } from '../../api/types.ts';
import { newId } from '../../forms/ids.ts';

/** Actions the record page performs itself (declaring and editing happen in the form). */
export type RecordPageAction =
  | 'ASSIGN'
  | 'UNASSIGN'
  | 'VALIDATE'
  | 'REGISTER'
  | 'REJECT'
  | 'ARCHIVE'
  | 'MARK_AS_DUPLICATE'
  | 'MARK_AS_NOT_DUPLICATE';

export interface RecordActionRequest {
  type: RecordPageAction;
  reason?: string;
  /** MARK_AS_DUPLICATE: the detected record this one duplicates (this one is then archived). */
  duplicateOf?: string;
}

const ASSIGNMENT = new Set<RecordPageAction>(['ASSIGN', 'UNASSIGN']);

/**
 * Perform an action on the record as the user saw it: decisions carry the record's version, so a record changed
 * by someone else meanwhile is refused (409) instead of being acted on blindly.
 */
export function useRecordAction(record: EventDocument) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ type, reason, duplicateOf }: RecordActionRequest) =>
      api<EventDocument>(`/api/events/${record.id}/actions/${type}`, {
        body: {
          transactionId: newId(),
          ...(ASSIGNMENT.has(type) ? {} : { version: record.version }),
          ...(reason || duplicateOf ? { content: { reason, duplicateOf } } : {}),
        },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['record', updated.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['workqueues'] });
      void queryClient.invalidateQueries({ queryKey: ['search'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: ['record', record.id] });
      }
    },
  });
}
