import type { RegistrationsResponse, TimeToRegistrationResponse } from '@lifeline/domain';
import { Anchor, Card, Group, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { DownloadMenu } from './DownloadMenu.tsx';
import { useKeyLabels } from './labels.ts';

/** Registrations and days to registration by office; choosing an office drills into it. */
export function OfficeTable({
  data,
  event,
  download,
  onSelect,
}: {
  data: TimeToRegistrationResponse;
  event: string;
  download: string;
  onSelect(officeId: string): void;
}) {
  const intl = useIntl();
  const labels = useKeyLabels(event);
  const rows = [...data.rows].sort((a, b) => b.registered - a.registered || a.name.localeCompare(b.name));
  return (
    <Card withBorder padding="md" data-testid="office-table">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          <FormattedMessage id="statistics.offices.title" />
        </Title>
        <DownloadMenu path={download} />
      </Group>
      {rows.length === 0 ? (
        <Text>
          <FormattedMessage id="statistics.offices.none" />
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  <FormattedMessage id="statistics.offices.office" />
                </Table.Th>
                {['registered', 'eventMedian', 'eventP90', 'declarationMedian'].map((c) => (
                  <Table.Th key={c} ta="right">
                    {intl.formatMessage({ id: `statistics.offices.${c}` })}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.officeId} data-office={r.officeId}>
                  <Table.Td>
                    <Anchor component="button" type="button" ta="left" onClick={() => onSelect(r.officeId)}>
                      {r.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" data-testid="office-registered">
                    {labels.number(r.registered)}
                  </Table.Td>
                  <Table.Td ta="right">{labels.number(r.eventToRegistrationDays.median)}</Table.Td>
                  <Table.Td ta="right">{labels.number(r.eventToRegistrationDays.p90)}</Table.Td>
                  <Table.Td ta="right">{labels.number(r.declarationToRegistrationDays.median)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Td>
                  <FormattedMessage id="statistics.total" />
                </Table.Td>
                <Table.Td ta="right" data-testid="office-total">
                  {labels.number(data.total.registered)}
                </Table.Td>
                <Table.Td ta="right">{labels.number(data.total.eventToRegistrationDays.median)}</Table.Td>
                <Table.Td ta="right">{labels.number(data.total.eventToRegistrationDays.p90)}</Table.Td>
                <Table.Td ta="right">{labels.number(data.total.declarationToRegistrationDays.median)}</Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

/** Registrations by registrar, for an office drilled into. */
export function RegistrarTable({ data }: { data: RegistrationsResponse }) {
  return (
    <Card withBorder padding="md" data-testid="registrar-table">
      <Title order={2} size="h4" mb="xs">
        <FormattedMessage id="statistics.registrars.title" />
      </Title>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <FormattedMessage id="statistics.registrars.name" />
            </Table.Th>
            <Table.Th ta="right">
              <FormattedMessage id="statistics.registrars.count" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.label ?? r.key}</Table.Td>
              <Table.Td ta="right">{r.count}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
