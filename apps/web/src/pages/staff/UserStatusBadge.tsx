import type { UserDetails } from '@lifeline/domain';
import { Badge, Group } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

// Filled, dark shades: white text on them keeps a 4.5:1 contrast.
const COLORS = { active: 'green.9', pending: 'orange.9', deactivated: 'gray.7' } as const;

/** Active, invited (and whether the invitation expired), deactivated; and locked after wrong passwords. */
export function UserStatusBadge({ user }: { user: UserDetails }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={COLORS[user.status]} variant="filled" data-testid="user-status">
        <FormattedMessage id={`userStatus.${user.status}`} />
      </Badge>
      {user.invitation?.expired && (
        <Badge color="red.9" variant="filled">
          <FormattedMessage id="userStatus.invitationExpired" />
        </Badge>
      )}
      {user.lockedUntil && (
        <Badge color="red.9" variant="filled">
          <FormattedMessage id="userStatus.locked" />
        </Badge>
      )}
    </Group>
  );
}
