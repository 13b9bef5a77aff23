import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { saveDraft, type Draft } from './drafts.ts';

export type SaveStatus = { where: 'none' | 'device' | 'server'; at?: Date };

const DEVICE_DELAY_MS = 400;
const SERVER_DELAY_MS = 4000;

/**
 * Keep the draft safe while the user types: on the device (IndexedDB) shortly after each change, and on the
 * server (PUT /api/events/:id/draft) a few seconds after the last change when the record exists and the
 * device is online. Also saves at once when the page is hidden (tab closed, app switched, screen off).
 */
export function useAutosave(draft: Draft, values: Record<string, unknown>, page: string | undefined, title?: string) {
  const [status, setStatus] = useState<SaveStatus>({ where: 'none' });
  const stopped = useRef(false);
  const initial = useRef(values);
  const latest = useRef({ values, page, title });
  latest.current = { values, page, title };

  const saveLocal = useCallback(async () => {
    if (stopped.current) return;
    Object.assign(draft, latest.current, { updatedAt: new Date().toISOString() });
    await saveDraft({ ...draft });
    if (!stopped.current) setStatus((s) => (s.where === 'server' ? s : { where: 'device', at: new Date() }));
  }, [draft]);

  useEffect(() => {
    if (values === initial.current && page === draft.page) return;
    const timer = setTimeout(() => void saveLocal(), DEVICE_DELAY_MS);
    setStatus((s) => (s.where === 'server' ? { where: 'device', at: s.at } : s));
    return () => clearTimeout(timer);
  }, [values, page, draft, saveLocal]);

  useEffect(() => {
    if (values === initial.current || !draft.eventId) return;
    const timer = setTimeout(() => {
      if (stopped.current || !navigator.onLine || !draft.eventId) return;
      api(`/api/events/${draft.eventId}/draft`, { method: 'PUT', body: { declaration: values } }).then(
        () => !stopped.current && setStatus({ where: 'server', at: new Date() }),
        () => undefined, // Offline or refused: the device copy is enough; the next change tries again.
      );
    }, SERVER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, draft]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden' && latest.current.values !== initial.current) void saveLocal();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
    };
  }, [saveLocal]);

  const stop = useCallback(() => {
    stopped.current = true;
  }, []);
  return useMemo(
    () => ({
      status,
      /** Save on the device now (before leaving or sending). */
      flush: saveLocal,
      /** No more saving: the declaration was sent or discarded. */
      stop,
    }),
    [status, saveLocal, stop],
  );
}
