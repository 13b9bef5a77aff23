import { Loader } from '@mantine/core';
import { useIntl } from 'react-intl';
import { Navigate } from 'react-router';
import { useMe } from '../api/config.ts';
import { ProblemAlert } from './components/ProblemAlert.tsx';
import { usePermissions } from './data/permissions.ts';
import { useWorkqueues } from './data/queries.ts';

/**
 * Where each role starts: its first workqueue; an administrator's team; a performance manager's dashboard; anyone
 * else the audit of their own work. No role lands on an empty page.
 */
export function HomePage() {
  const intl = useIntl();
  const me = useMe();
  const queues = useWorkqueues();
  const permissions = usePermissions();
  if (queues.data?.length) return <Navigate to={`/workqueues/${queues.data[0].slug}`} replace />;
  if (queues.error && !me.data) return <ProblemAlert error={queues.error} />;
  if (!queues.data || !me.data) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (permissions.has('user.create') || permissions.has('user.edit')) return <Navigate to="/team" replace />;
  if (permissions.has('performance.read')) return <Navigate to="/dashboard" replace />;
  if (permissions.has('user.read') || permissions.has('user.read-only-my-audit'))
    return <Navigate to="/audit" replace />;
  return <Navigate to="/whats-new" replace />;
}
