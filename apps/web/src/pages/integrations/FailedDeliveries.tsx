import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormatters } from '../data/format.ts';
import { useFailedDeliveries, useRedeliver } from './queries.ts';

/** Webhook deliveries that failed for over a day of attempts: what, how often tried, why, and "redeliver". */
export function FailedDeliveries() {
  const failed = useFailedDeliveries();
  const redeliver = useRedeliver();
  const format = useFormatters();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        <FormattedMessage id="integrations.failed.title" />
      </Title>
      <ProblemAlert error={failed.error ?? redeliver.error} />
      {failed.data && failed.data.results.length === 0 && (
        <Text c="dimmed">
          <FormattedMessage id="integrations.failed.none" />
        </Text>
      )}
      {failed.data && failed.data.results.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="failed-deliveries">
            <Table.Thead>
              <Table.Tr>
                {[
                  'integrations.failed.event',
                  'integrations.failed.record',
                  'integrations.failed.attempts',
                  'integrations.failed.error',
                  'integrations.failed.when',
                  'integrations.actions',
                ].map((id) => (
                  <Table.Th key={id}>
                    <FormattedMessage id={id} />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {failed.data.results.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>{job.payload.body?.type ?? '—'}</Table.Td>
                  <Table.Td>{job.payload.body?.data?.trackingId ?? '—'}</Table.Td>
                  <Table.Td>{job.attempts}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{job.lastError}</Text>
                  </Table.Td>
                  <Table.Td>{format.dateTime(job.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      loading={redeliver.isPending && redeliver.variables === job.id}
                      onClick={() => redeliver.mutate(job.id)}
                      data-testid="redeliver"
                    >
                      <FormattedMessage id="integrations.failed.redeliver" />
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
