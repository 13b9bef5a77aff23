import { Alert, Anchor, Badge, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { OutboxItem } from '../../offline/outbox.ts';
import { flushOutbox } from '../../offline/sender.ts';
import { useOutbox } from '../../offline/useOutbox.ts';
import { useEventConfig } from '../data/useEventConfig.ts';

/** Declarations kept on this device: how many wait to be sent, and those the server refused (never dropped). */
export function OutboxIndicator() {
  const outbox = useOutbox();
  const intl = useIntl();
  if (outbox.items.length === 0) return null;
  const failed = outbox.failed.length;
  return (
    <Popover position="bottom-end" width={360} withinPortal trapFocus>
      <Popover.Target>
        <Button
          variant="light"
          color={failed ? 'red' : 'yellow'}
          size="xs"
          data-testid="outbox-indicator"
          aria-label={intl.formatMessage({ id: 'outbox.summary' }, { pending: outbox.pending, failed })}
        >
          <FormattedMessage id="outbox.button" />
          <Badge ml={6} size="sm" color={failed ? 'red' : 'yellow'} variant="filled" data-testid="outbox-count">
            {outbox.items.length}
          </Badge>
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text size="sm">
            <FormattedMessage id="outbox.explanation" values={{ pending: outbox.pending }} />
          </Text>
          {outbox.items.map((item) => (
            <OutboxRow key={item.id} item={item} retry={outbox.retry} discard={outbox.discard} />
          ))}
          {outbox.pending > 0 && (
            <Button size="xs" variant="default" onClick={() => void flushOutbox()}>
              <FormattedMessage id="outbox.sendNow" />
            </Button>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function OutboxRow(props: { item: OutboxItem; retry(id: number): Promise<void>; discard(id: number): Promise<void> }) {
  const { item, retry, discard } = props;
  const { label } = useEventConfig(item.type);
  const intl = useIntl();
  const title = item.title || intl.formatMessage({ id: 'record.noName' });
  if (item.status === 'pending') {
    return (
      <Text size="sm">
        {label}: {title} — <FormattedMessage id="outbox.waiting" />
      </Text>
    );
  }
  const recordId = item.eventId ?? item.createdEventId;
  return (
    <Alert color="red" p="xs" title={`${label}: ${title}`}>
      <Text size="sm">
        <FormattedMessage id="outbox.refused" values={{ reason: item.error }} />
      </Text>
      <Group gap="xs" mt="xs">
        {recordId && (
          <Anchor component={Link} to={`/records/${recordId}`} size="sm">
            <FormattedMessage id="outbox.open" />
          </Anchor>
        )}
        <Button size="compact-xs" variant="default" onClick={() => void retry(item.id)}>
          <FormattedMessage id="outbox.retry" />
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          onClick={() => {
            if (window.confirm(intl.formatMessage({ id: 'outbox.discardConfirm' }))) void discard(item.id);
          }}
        >
          <FormattedMessage id="outbox.discard" />
        </Button>
      </Group>
    </Alert>
  );
}
