import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../api/config.ts';
import { LocationName } from '../components/LocationName.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormatters } from '../data/format.ts';
import { usePermissions } from '../data/permissions.ts';
import { useRoleLabel } from '../data/useEventConfig.ts';
import { OfficePicker } from './OfficePicker.tsx';
import { useTeam } from './queries.ts';
import { UserActions } from './UserActionsMenu.tsx';
import { UserFormModal } from './UserForm.tsx';
import { UserStatusBadge } from './UserStatusBadge.tsx';

const PAGE_SIZE = 25;

/**
 * The staff of one office: name, role, status, last login, with the support actions two clicks from each row
 * (the "⋯" button, then the action). Administrators create users here.
 */
export default function TeamPage() {
  const intl = useIntl();
  const me = useMe();
  const permissions = usePermissions();
  const navigate = useNavigate();
  const roleLabel = useRoleLabel();
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const officeId = params.get('office') ?? me.data?.primaryOfficeId ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const status = params.get('status') ?? '';
  const team = useTeam(
    {
      officeId: officeId || undefined,
      q: q || undefined,
      status: status || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    },
    !!officeId,
  );
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const update = (changes: Record<string, string>) =>
    setParams({ ...Object.fromEntries(params), page: '1', ...changes });
  const total = team.data?.total ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            <FormattedMessage id="team.title" />
          </Title>
          <Text c="dimmed">
            <LocationName id={officeId} />
          </Text>
        </div>
        <Group>
          {permissions.has('user.create') && (
            <Button color="blue.8" onClick={() => setCreating(true)} data-testid="create-user">
              <FormattedMessage id="team.create" />
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <OfficePicker
          label={intl.formatMessage({ id: 'team.office' })}
          value={officeId}
          onChange={(id) => id && update({ office: id })}
        />
        <TextInput
          label={intl.formatMessage({ id: 'team.search' })}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="team-search"
        />
        <Select
          label={intl.formatMessage({ id: 'team.status' })}
          data={[
            { value: '', label: intl.formatMessage({ id: 'team.status.any' }) },
            ...['active', 'pending', 'deactivated'].map((s) => ({
              value: s,
              label: intl.formatMessage({ id: `userStatus.${s}` }),
            })),
          ]}
          value={status}
          onChange={(v) => update({ status: v ?? '' })}
          allowDeselect={false}
          w={180}
        />
      </Group>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)} data-testid="team-notice">
          {notice}
        </Alert>
      )}
      <ProblemAlert error={team.error} />
      {team.isLoading && <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      {team.data && total === 0 && (
        <Text>
          <FormattedMessage id="team.empty" />
        </Text>
      )}
      {team.data && total > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="team-table">
            <Table.Thead>
              <Table.Tr>
                {['team.name', 'team.username', 'team.role', 'team.userStatus', 'team.lastLogin'].map((id) => (
                  <Table.Th key={id}>
                    <FormattedMessage id={id} />
                  </Table.Th>
                ))}
                <Table.Th>
                  <FormattedMessage id="team.actions" />
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {team.data.results.map((user) => (
                <Table.Tr key={user.id} data-username={user.username}>
                  <Table.Td>
                    <Anchor component={Link} to={`/users/${user.id}`}>
                      {user.firstname} {user.surname}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{user.username}</Table.Td>
                  <Table.Td>{roleLabel(user.role)}</Table.Td>
                  <Table.Td>
                    <UserStatusBadge user={user} />
                  </Table.Td>
                  <Table.Td>
                    {user.lastLoginAt ? format.dateTime(user.lastLoginAt) : <FormattedMessage id="team.never" />}
                  </Table.Td>
                  <Table.Td>
                    {permissions.has('user.edit') && <UserActions user={user} variant="menu" onDone={setNotice} />}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > PAGE_SIZE && (
        <Pagination
          total={Math.ceil(total / PAGE_SIZE)}
          value={page}
          onChange={(next) => setParams({ ...Object.fromEntries(params), page: String(next) })}
          getControlProps={(control) => ({ 'aria-label': intl.formatMessage({ id: `pagination.${control}` }) })}
          getItemProps={(n) => ({ 'aria-label': intl.formatMessage({ id: 'pagination.page' }, { page: n }) })}
        />
      )}
      {creating && (
        <UserFormModal
          opened
          officeId={officeId}
          onClose={() => setCreating(false)}
          onSaved={(user) => {
            setCreating(false);
            void navigate(`/users/${user.id}`, { state: { created: true } });
          }}
        />
      )}
    </Stack>
  );
}
