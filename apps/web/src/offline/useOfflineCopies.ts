import { useEffect } from 'react';
import { useMe } from '../api/config.ts';
import { usePermissions } from '../pages/data/permissions.ts';
import { downloadAssigned } from './records.ts';
import { refreshPlaces } from './usePlaces.ts';

/**
 * Keep on the device what offline work needs: the country's places (changes only, at start and when the
 * connection returns), and for those who review records, the records assigned to them.
 */
export function useOfflineCopies(): void {
  const me = useMe().data;
  const permissions = usePermissions();
  const reviews = permissions.has('record.validate') || permissions.has('record.register');
  useEffect(() => {
    const refresh = () => {
      void refreshPlaces(true);
      if (me && reviews && navigator.onLine) void downloadAssigned(me.username, me.id).catch(() => undefined);
    };
    refresh();
    window.addEventListener('online', refresh);
    return () => window.removeEventListener('online', refresh);
  }, [me, reviews]);
}
