import { Badge, Button } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useOutbox } from '../../offline/useOutbox.ts';

/**
 * How many submissions wait on this device, and whether the server refused some (never dropped): opens the
 * outbox page. Hidden when nothing waits.
 */
export function OutboxIndicator({ onNavigate }: { onNavigate?(): void }) {
  const outbox = useOutbox();
  const intl = useIntl();
  const failed = outbox.failed.length;
  const count = outbox.pending + failed;
  if (count === 0) return null;
  return (
    <Button
      component={Link}
      to="/outbox"
      onClick={onNavigate}
      variant="light"
      color={failed ? 'red.9' : '#995200'}
      mih={44}
      data-testid="outbox-indicator"
      aria-label={intl.formatMessage({ id: 'outbox.summary' }, { pending: outbox.pending, failed })}
    >
      <FormattedMessage id="outbox.button" />
      <Badge ml={6} size="md" color={failed ? 'red.9' : '#995200'} variant="filled" data-testid="outbox-count">
        {count}
      </Badge>
    </Button>
  );
}
