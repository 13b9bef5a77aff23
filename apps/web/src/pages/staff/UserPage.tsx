import { Alert, Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { AuditTable } from '../audit/AuditTable.tsx';
import { LocationName } from '../components/LocationName.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormatters } from '../data/format.ts';
import { usePermissions } from '../data/permissions.ts';
import { useRoleLabel } from '../data/useEventConfig.ts';
import { useUserDetails } from './queries.ts';
import { UserActions } from './UserActionsMenu.tsx';
import { UserFormModal } from './UserForm.tsx';
import { UserStatusBadge } from './UserStatusBadge.tsx';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        <FormattedMessage id={label} />
      </Text>
      <Text>{children || '—'}</Text>
    </div>
  );
}

/** One member of staff: details, status, the support actions, and everything they did (newest first). */
export default function UserPage() {
  const { id } = useParams();
  const intl = useIntl();
  const user = useUserDetails(id);
  const permissions = usePermissions();
  const roleLabel = useRoleLabel();
  const format = useFormatters();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const created = !!(location.state as { created?: boolean } | null)?.created;
  const [notice, setNotice] = useState<string | null>(created ? intl.formatMessage({ id: 'user.created' }) : null);
  const navigate = useNavigate();
  useEffect(() => {
    // Said once: a reload or a return to this page does not say it again.
    if (created) void navigate(location.pathname, { replace: true, state: null });
  }, [created, navigate, location.pathname]);

  if (user.isLoading) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (!user.data) return <ProblemAlert error={user.error} />;
  const u = user.data;
  const canEdit = permissions.has('user.edit');

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/team?office=${u.primaryOfficeId}`} size="sm">
        <FormattedMessage id="user.backToTeam" />
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2" data-testid="user-name">
            {u.firstname} {u.surname}
          </Title>
          <Group gap="xs">
            <Text c="dimmed">
              {roleLabel(u.role)} · <LocationName id={u.primaryOfficeId} />
            </Text>
            <UserStatusBadge user={u} />
          </Group>
        </div>
        <Group>
          {canEdit && (
            <Button variant="default" onClick={() => setEditing(true)}>
              <FormattedMessage id="user.edit" />
            </Button>
          )}
        </Group>
      </Group>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)} data-testid="user-notice">
          {notice}
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label="user.username">{u.username}</Fact>
          <Fact label="userForm.email">{u.email}</Fact>
          <Fact label="userForm.mobile">{u.mobile}</Fact>
          <Fact label="userForm.nid">{u.nid}</Fact>
          <Fact label="user.lastLogin">
            {u.lastLoginAt ? format.dateTime(u.lastLoginAt) : intl.formatMessage({ id: 'team.never' })}
          </Fact>
          <Fact label="user.createdAt">{format.dateTime(u.createdAt)}</Fact>
          {u.invitation && (
            <Fact label="user.invitation">
              {intl.formatMessage(
                { id: u.invitation.expired ? 'user.invitationExpired' : 'user.invitationValid' },
                { at: format.dateTime(u.invitation.expiresAt) },
              )}
            </Fact>
          )}
          {u.lockedUntil && <Fact label="user.lockedUntil">{format.dateTime(u.lockedUntil)}</Fact>}
          <Fact label="user.signature">{intl.formatMessage({ id: u.hasSignature ? 'common.yes' : 'common.no' })}</Fact>
        </SimpleGrid>
        {canEdit && (
          <Group mt="md">
            <UserActions user={u} variant="buttons" onDone={setNotice} />
          </Group>
        )}
      </Paper>
      <Paper withBorder p="md" component="section">
        <Title order={2} size="h3" mb="sm">
          <FormattedMessage id="user.history" />
        </Title>
        <AuditTable filters={{ userId: u.id }} caption={intl.formatMessage({ id: 'user.history' })} />
      </Paper>
      {editing && (
        <UserFormModal
          opened
          user={u}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setNotice(intl.formatMessage({ id: 'user.saved' }));
          }}
        />
      )}
    </Stack>
  );
}
