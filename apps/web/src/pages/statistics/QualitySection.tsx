import type { DataQualityResponse } from '@lifeline/domain';
import { Anchor, Card, Group, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useFormatters } from '../data/format.ts';
import { DownloadMenu } from './DownloadMenu.tsx';

/** Registered records with missing or implausible values, with links to them. */
export function QualitySection({ data, download }: { data: DataQualityResponse; download: string }) {
  const intl = useIntl();
  const format = useFormatters();
  return (
    <Card withBorder padding="md" data-testid="data-quality">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          <FormattedMessage id="statistics.quality.title" />
        </Title>
        <DownloadMenu path={download} />
      </Group>
      <Text mb="xs">
        <FormattedMessage
          id="statistics.quality.summary"
          values={{ withIssues: data.withIssues, examined: data.examined }}
        />
      </Text>
      {data.records.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  <FormattedMessage id="statistics.quality.record" />
                </Table.Th>
                <Table.Th>
                  <FormattedMessage id="statistics.quality.registeredOn" />
                </Table.Th>
                <Table.Th>
                  <FormattedMessage id="statistics.quality.issues" />
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.records.map((r) => (
                <Table.Tr key={r.eventId}>
                  <Table.Td>
                    <Anchor component={Link} to={r.url}>
                      {r.registrationNumber ?? r.trackingId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{format.date(r.registeredOn)}</Table.Td>
                  <Table.Td>
                    {r.issues.map((i) => intl.formatMessage({ id: `statistics.quality.issue.${i}` })).join('; ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
