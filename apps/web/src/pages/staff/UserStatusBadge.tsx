import type { UserDetails } from '@lifeline/domain';
import { Badge, Group } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

const COLORS = { active: 'green.9', pending: 'yellow.9', deactivated: 'gray.7' } as const;

/** Active, invited (and whether the invitation expired), deactivated; and locked after wrong passwords. */
export function UserStatusBadge({ user }: { user: UserDetails }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={COLORS[user.status]} variant="light" data-testid="user-status">
        <FormattedMessage id={`userStatus.${user.status}`} />
      </Badge>
      {user.invitation?.expired && (
        <Badge color="red.9" variant="light">
          <FormattedMessage id="userStatus.invitationExpired" />
        </Badge>
      )}
      {user.lockedUntil && (
        <Badge color="red.9" variant="light">
          <FormattedMessage id="userStatus.locked" />
        </Badge>
      )}
    </Group>
  );
}
