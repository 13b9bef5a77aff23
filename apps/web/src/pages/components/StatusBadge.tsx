import { displayStatus, type DisplayStatus, type EventStatus, type Flag } from '@lifeline/domain';
import { Badge } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

// Dark shades: white text on them keeps at least a 4.5:1 contrast (Mantine's orange 9 and green 9 fall short:
// 4.3:1 and 4.4:1, hence the darker hex values).
export const STATUS_COLORS: Record<DisplayStatus, string> = {
  IN_PROGRESS: 'gray.7',
  DECLARED: '#b33d0c',
  VALIDATED: 'grape.8',
  REGISTRATION_REQUESTED: 'indigo.9',
  REQUIRES_UPDATES: 'red.9',
  REGISTERED: '#237032',
  CERTIFIED: 'teal.9',
  ARCHIVED: 'dark.5',
  ISSUED: 'teal.9',
  CORRECTION_REQUESTED: '#b33d0c',
  REVOKED: 'red.9',
};

/** The status in the words staff know (In progress, Declared, Validated, Registered, Requires updates...). */
export function StatusBadge({ status, flags }: { status: EventStatus; flags: Flag[] }) {
  const shown = displayStatus({ status, flags });
  return (
    <Badge color={STATUS_COLORS[shown]} variant="filled" radius="sm" tt="none" data-status={shown}>
      <FormattedMessage id={`status.${shown}`} />
    </Badge>
  );
}
