import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onSessionChange } from '../api/session.ts';
import { flushOutbox, onSent, requestPersistentStorage, startSender } from './sender.ts';

/** Run the sender while the app shell is mounted; refresh lists when something was delivered. */
export function useOutboxSender(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const stop = startSender();
    void requestPersistentStorage();
    const stopSession = onSessionChange((session) => {
      if (session) void flushOutbox(true);
    });
    const stopSent = onSent((item) => {
      void queryClient.invalidateQueries({ queryKey: ['workqueues'] });
      const id = item.eventId ?? item.createdEventId;
      if (id) void queryClient.invalidateQueries({ queryKey: ['record', id] });
    });
    return () => {
      stop();
      stopSession();
      stopSent();
    };
  }, [queryClient]);
}
