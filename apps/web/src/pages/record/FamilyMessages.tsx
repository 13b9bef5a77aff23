import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../api/client.ts';
import { useFormatters } from '../data/format.ts';

interface SentMessage {
  message: string;
  channel: string;
  status: 'queued' | 'sent' | 'retrying' | 'failed';
  error: string | null;
  updatedAt: string;
}

// Filled badges with white text: every colour at 4.5:1 or more (Mantine's green.9 is 4.36:1, orange.9 4.0:1).
const COLOR = { queued: 'gray.8', sent: '#1e6b30', retrying: '#995200', failed: 'red.9' } as const;

/** What the family was told about the record (SMS, email) and whether it went; never the text or the address. */
export function FamilyMessages({ eventId }: { eventId: string }) {
  const intl = useIntl();
  const format = useFormatters();
  const sent = useQuery({
    queryKey: ['family-messages', eventId],
    queryFn: () => api<SentMessage[]>(`/api/events/${eventId}/messages`),
  });
  if (!sent.data) return null;
  if (!sent.data.length) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="record.messages.none" />
      </Text>
    );
  }
  return (
    <Table data-testid="family-messages">
      <Table.Tbody>
        {sent.data.map((m, i) => (
          <Table.Tr key={i} data-status={m.status}>
            <Table.Td>{intl.formatMessage({ id: `settings.familyMessage.${m.message}` })}</Table.Td>
            <Table.Td>{m.channel.toUpperCase()}</Table.Td>
            <Table.Td>
              <Badge color={COLOR[m.status]} title={m.error ?? undefined}>
                {intl.formatMessage({ id: `record.messages.status.${m.status}` })}
              </Badge>
            </Table.Td>
            <Table.Td>{format.dateTime(m.updatedAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
