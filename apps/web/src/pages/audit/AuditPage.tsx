import { Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useIntl, FormattedMessage } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/config.ts';
import { usePermissions } from '../data/permissions.ts';
import { useTeam } from '../staff/queries.ts';
import { AuditTable } from './AuditTable.tsx';

const ACTIONS = [
  'record.*',
  'record.READ',
  'record.DECLARE',
  'record.REGISTER',
  'certificate.*',
  'login.*',
  'user.*',
  'audit.*',
];

/**
 * The audit trail: your own (everyone with user.read-only-my-audit), or anyone's in your jurisdiction
 * (administrators and performance managers, user.read), by person, action and dates, with a CSV download.
 */
export default function AuditPage() {
  const intl = useIntl();
  const me = useMe();
  const permissions = usePermissions();
  const [params, setParams] = useSearchParams();
  const canReadOthers = permissions.has('user.read');
  const userId = params.get('userId') ?? (canReadOthers ? '' : (me.data?.id ?? ''));
  const set = (key: string) => (value: string | null) =>
    setParams({ ...Object.fromEntries(params), [key]: value ?? '' });
  // People to choose from: the staff in the caller's jurisdiction (the first page, by name).
  const people = useTeam({ limit: 200, offset: 0 }, canReadOthers);
  const filters = {
    userId: userId || undefined,
    action: params.get('action') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          <FormattedMessage id={canReadOthers ? 'audit.title' : 'audit.mine'} />
        </Title>
      </Group>
      <Group align="flex-end" wrap="wrap">
        {canReadOthers && (
          <Select
            label={intl.formatMessage({ id: 'audit.person' })}
            searchable
            clearable
            data={(people.data?.results ?? []).map((u) => ({
              value: u.id,
              label: `${u.firstname} ${u.surname} (${u.username})`,
            }))}
            value={userId || null}
            onChange={set('userId')}
            placeholder={intl.formatMessage({ id: 'audit.everyone' })}
            w={300}
          />
        )}
        <Select
          label={intl.formatMessage({ id: 'audit.actionFilter' })}
          clearable
          data={ACTIONS.map((a) => ({ value: a, label: intl.formatMessage({ id: `audit.filter.${a}` }) }))}
          value={filters.action ?? null}
          onChange={set('action')}
          placeholder={intl.formatMessage({ id: 'audit.anyAction' })}
          w={220}
        />
        <TextInput
          type="date"
          label={intl.formatMessage({ id: 'audit.from' })}
          value={filters.from ?? ''}
          onChange={(e) => set('from')(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={intl.formatMessage({ id: 'audit.to' })}
          value={filters.to ?? ''}
          onChange={(e) => set('to')(e.currentTarget.value)}
        />
      </Group>
      {(canReadOthers || userId) && (
        <AuditTable filters={filters} caption={intl.formatMessage({ id: 'audit.title' })} />
      )}
    </Stack>
  );
}
