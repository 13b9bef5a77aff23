import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../api/client.ts';
import type { EventDocument } from '../../../api/types.ts';
import { newId } from '../../../forms/ids.ts';

export type Verdict =
  | { type: 'MARK_AS_NOT_DUPLICATE'; reason: string }
  | { type: 'MARK_AS_DUPLICATE'; duplicateOf: string; reason?: string; resolution: 'ARCHIVE' | 'REJECT' };

/**
 * A reviewer's verdict on a possible duplicate, for the record as the reviewer compared it (its version: a record
 * changed meanwhile is refused with 409 rather than decided on blindly).
 */
export function useDuplicateVerdict(record: EventDocument) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ type, ...content }: Verdict) =>
      api<EventDocument>(`/api/events/${record.id}/actions/${type}?include=actions`, {
        body: { transactionId: newId(), version: record.version, content },
      }),
    onSuccess: (updated) => {
      client.setQueryData(['record', updated.id], updated);
      void client.invalidateQueries({ queryKey: ['workqueues'] });
      void client.invalidateQueries({ queryKey: ['search'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void client.invalidateQueries({ queryKey: ['record', record.id] });
      }
    },
  });
}
