import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { useNetwork } from '@mantine/hooks';
import { saveDraft } from '../../forms/drafts.ts';
import { REVIEW } from '../../forms/PageList.tsx';
import type { OutboxItem, OutboxState } from '../../offline/outbox.ts';
import { flushOutbox, takeBack } from '../../offline/sender.ts';
import { useOutbox } from '../../offline/useOutbox.ts';
import { useFormatters } from '../data/format.ts';
import { useEventConfig } from '../data/useEventConfig.ts';
import { draftFromItem } from './draftFromItem.ts';
import { useStorageState } from './useStorageState.ts';

const STATE_COLOR: Record<OutboxState, string> = {
  // Each at 4.5:1 or more under white text.
  waiting: '#995200',
  sending: 'blue.8',
  sent: '#237032',
  refused: 'red.9',
  attention: '#b33d0c',
};

/** Everything this device holds for the server: waiting, being sent, sent today, refused, or needing the user. */
export default function OutboxPage() {
  const outbox = useOutbox();
  const { online } = useNetwork();
  const storage = useStorageState();
  return (
    <Stack gap="md" data-testid="outbox-page">
      <Title order={1} size="h2">
        <FormattedMessage id="outbox.title" />
      </Title>
      <Text size="sm">
        <FormattedMessage id={online ? 'outbox.intro.online' : 'outbox.intro.offline'} />
      </Text>
      {storage === 'best-effort' && (
        <Alert color="yellow" data-testid="storage-warning">
          <FormattedMessage id="outbox.storageNotPersistent" />
        </Alert>
      )}
      {outbox.items.length === 0 && (
        <Text data-testid="outbox-empty">
          <FormattedMessage id="outbox.empty" />
        </Text>
      )}
      {outbox.items.map((item) => (
        <OutboxCard key={item.id} item={item} retry={outbox.retry} discard={outbox.discard} />
      ))}
      {outbox.pending > 0 && online && (
        <Group>
          <Button variant="default" mih={44} onClick={() => void flushOutbox(true)}>
            <FormattedMessage id="outbox.sendNow" />
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function OutboxCard(props: { item: OutboxItem; retry(id: number): Promise<void>; discard(id: number): Promise<void> }) {
  const { item, retry, discard } = props;
  const { label } = useEventConfig(item.type);
  const intl = useIntl();
  const navigate = useNavigate();
  const format = useFormatters();
  const title = item.title || intl.formatMessage({ id: 'outbox.untitled' }, { event: label });
  const recordId = item.eventId ?? item.createdEventId;
  const problem = item.state === 'refused' || item.state === 'attention';
  const edit = async () => {
    const draft = draftFromItem(item);
    await saveDraft(draft);
    await takeBack(item.id);
    navigate(`/declare/${item.type}?${new URLSearchParams({ draft: draft.localId, page: REVIEW })}`);
  };
  return (
    <Card withBorder padding="sm" data-testid="outbox-item" data-state={item.state}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          <Text size="sm">
            {label} · <FormattedMessage id={`outbox.action.${item.action}`} /> ·{' '}
            <FormattedMessage id="outbox.queuedAt" values={{ at: format.dateTime(item.queuedAt) }} />
          </Text>
        </div>
        <Badge color={STATE_COLOR[item.state]} variant="filled" data-testid="outbox-state">
          <FormattedMessage id={`outbox.state.${item.state}`} />
        </Badge>
      </Group>
      {item.state === 'waiting' && item.attempts > 0 && item.error && (
        <Text size="sm" mt="xs">
          <FormattedMessage id="outbox.lastTry" values={{ attempts: item.attempts, reason: item.error }} />
        </Text>
      )}
      {item.state === 'sent' && item.trackingId && (
        <Text size="sm" mt="xs">
          <FormattedMessage id="outbox.sentAs" values={{ trackingId: item.trackingId }} />
        </Text>
      )}
      {problem && (
        <Alert color="red" mt="xs" p="xs" role="alert">
          <Text size="sm">
            <FormattedMessage id={`outbox.reason.${item.state}`} values={{ reason: item.error ?? '' }} />
          </Text>
        </Alert>
      )}
      {(problem || item.state === 'sent') && (
        <Group gap="xs" mt="xs">
          {recordId && (
            <Anchor component={Link} to={`/records/${recordId}`} size="sm" p={10}>
              <FormattedMessage id="outbox.open" />
            </Anchor>
          )}
          {/* A declaration goes back to its form; a correction request is made again from the record. */}
          {item.state === 'refused' && item.declaration && item.action !== 'REQUEST_CORRECTION' && (
            <Button size="sm" variant="filled" color="blue.8" onClick={() => void edit()}>
              <FormattedMessage id="outbox.edit" />
            </Button>
          )}
          {problem && (
            <Button size="sm" variant="default" onClick={() => void retry(item.id)}>
              <FormattedMessage id="outbox.retry" />
            </Button>
          )}
          {problem && (
            <Button
              size="sm"
              variant="subtle"
              color="red.9"
              onClick={() => {
                if (window.confirm(intl.formatMessage({ id: 'outbox.discardConfirm' }))) void discard(item.id);
              }}
            >
              <FormattedMessage id="outbox.discard" />
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}
