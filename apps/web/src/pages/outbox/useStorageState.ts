import { useEffect, useState } from 'react';

/** Whether the browser keeps this site's storage under pressure ('persistent') or may evict it ('best-effort'). */
export function useStorageState(): 'persistent' | 'best-effort' | 'unknown' {
  const [state, setState] = useState<'persistent' | 'best-effort' | 'unknown'>('unknown');
  useEffect(() => {
    if (!navigator.storage?.persisted) return;
    void navigator.storage.persisted().then((persisted) => setState(persisted ? 'persistent' : 'best-effort'));
  }, []);
  return state;
}
