import { Badge, Button, Group, Loader, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useAppConfig } from '../../api/config.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormatters } from '../data/format.ts';
import { PAGE_SIZE, useImports } from './api.ts';
import { STATUS_COLORS } from './ImportProgressCard.tsx';
import { ReportButton } from './ReportButton.tsx';

/** Past and running imports, newest first, a page at a time; each can be followed or its report downloaded. */
export function ImportList({ onFollow }: { onFollow(id: string): void }) {
  const intl = useIntl();
  const format = useFormatters();
  const { text } = useLanguage();
  const events = useAppConfig().data?.importable ?? [];
  const [offset, setOffset] = useState(0);
  const imports = useImports(offset);
  const eventLabel = (id: string) => {
    const event = events.find((e) => e.id === id);
    return event ? text(event.label) : id;
  };
  const columns = [
    'imports.fileName',
    'imports.eventType',
    'imports.started',
    'imports.state',
    'imports.imported',
    'imports.refused',
    'imports.skipped',
    'imports.actions',
  ];

  return (
    <section aria-labelledby="imports-list-title">
      <h2 id="imports-list-title" style={{ fontSize: '1.15rem' }}>
        <FormattedMessage id="imports.past" />
      </h2>
      <ProblemAlert error={imports.error} />
      {imports.isLoading && <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      {imports.data?.total === 0 && (
        <Text>
          <FormattedMessage id="imports.empty" />
        </Text>
      )}
      {!!imports.data?.results.length && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="imports-table">
            <Table.Thead>
              <Table.Tr>
                {columns.map((id) => (
                  <Table.Th key={id} scope="col">
                    <FormattedMessage id={id} />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.results.map((row) => (
                <Table.Tr key={row.id} data-testid={`import-${row.id}`}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.fileName}</Table.Td>
                  <Table.Td>
                    {eventLabel(row.eventType)} ({row.format.toUpperCase()})
                  </Table.Td>
                  <Table.Td>{format.dateTime(row.startedAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[row.status]}>
                      <FormattedMessage id={`imports.status.${row.status}`} />
                    </Badge>
                  </Table.Td>
                  <Table.Td>{intl.formatNumber(row.imported)}</Table.Td>
                  <Table.Td>{intl.formatNumber(row.refused)}</Table.Td>
                  <Table.Td>{intl.formatNumber(row.skipped)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => onFollow(row.id)}
                        aria-label={intl.formatMessage({ id: 'imports.followNamed' }, { file: row.fileName })}
                      >
                        <FormattedMessage id="imports.follow" />
                      </Button>
                      {row.status === 'done' && row.refused > 0 && <ReportButton id={row.id} compact />}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {imports.data && imports.data.total > PAGE_SIZE && (
        <Group justify="space-between" mt="sm">
          <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            <FormattedMessage id="imports.previous" />
          </Button>
          <Text size="sm">
            <FormattedMessage
              id="imports.pageOf"
              values={{
                from: offset + 1,
                to: Math.min(offset + PAGE_SIZE, imports.data.total),
                total: imports.data.total,
              }}
            />
          </Text>
          <Button
            variant="default"
            disabled={offset + PAGE_SIZE >= imports.data.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            <FormattedMessage id="imports.next" />
          </Button>
        </Group>
      )}
    </section>
  );
}
