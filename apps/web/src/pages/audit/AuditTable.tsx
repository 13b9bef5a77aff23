import { Anchor, Button, Code, Group, Loader, Pagination, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormatters } from '../data/format.ts';
import { useRoleLabel } from '../data/useEventConfig.ts';
import { downloadAuditCsv, useAudit, type AuditEntry, type AuditFilters } from './queries.ts';

const PAGE_SIZE = 20;

/** An action in words when the app knows it ("Registered"), else as the log writes it ("record.REGISTER"). */
export function useActionLabel() {
  const intl = useIntl();
  return (action: string) => {
    const id = `auditAction.${action}`;
    return intl.messages[id] ? intl.formatMessage({ id }) : action;
  };
}

/** What an entry was about, briefly: the record (linked), or the reason and changed fields of a user change. */
function Subject({ entry, showRecord }: { entry: AuditEntry; showRecord: boolean }) {
  const details = entry.details ?? {};
  return (
    <>
      {showRecord && entry.record && (
        <Anchor component={Link} to={`/records/${entry.record.id}`}>
          {entry.record.title || entry.record.trackingId} ({entry.record.trackingId})
        </Anchor>
      )}
      {typeof details.reason === 'string' && <Text size="sm">{details.reason}</Text>}
      {Array.isArray(details.fields) && <Code>{details.fields.join(', ')}</Code>}
    </>
  );
}

interface Props {
  filters: AuditFilters;
  caption: string;
  /** The record column (hidden on a record's own page). */
  showRecord?: boolean;
}

/** A page of the audit trail matching `filters`, newest first, with a CSV download of everything that matches. */
export function AuditTable({ filters, caption, showRecord = true }: Props) {
  const intl = useIntl();
  const [page, setPage] = useState(1);
  const audit = useAudit(filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const format = useFormatters();
  const roleLabel = useRoleLabel();
  const actionLabel = useActionLabel();
  const [downloading, setDownloading] = useState<unknown>(null);
  const total = audit.data?.total ?? 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" aria-live="polite">
          {audit.data && <FormattedMessage id="audit.total" values={{ count: total }} />}
        </Text>
        <Button
          variant="default"
          size="xs"
          disabled={!total}
          onClick={() => downloadAuditCsv(filters).then(() => setDownloading(null), setDownloading)}
          data-testid="audit-csv"
        >
          <FormattedMessage id="audit.csv" />
        </Button>
      </Group>
      <ProblemAlert error={audit.error ?? downloading} />
      {audit.isLoading && <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      {audit.data && total > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="audit-table">
            <VisuallyHidden component="caption">{caption}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                {['audit.when', 'audit.who', 'audit.action', 'audit.about'].map((id) => (
                  <Table.Th key={id}>
                    <FormattedMessage id={id} />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data.results.map((entry) => (
                <Table.Tr key={entry.id} data-action={entry.action}>
                  <Table.Td>{format.dateTime(entry.at)}</Table.Td>
                  <Table.Td>
                    {entry.actorId && entry.actorName ? (
                      <Anchor component={Link} to={`/users/${entry.actorId}`}>
                        {entry.actorName}
                      </Anchor>
                    ) : (
                      <FormattedMessage id="audit.system" />
                    )}
                    {entry.actorRole && (
                      <Text size="xs" c="dimmed">
                        {roleLabel(entry.actorRole)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{actionLabel(entry.action)}</Table.Td>
                  <Table.Td>
                    <Subject entry={entry} showRecord={showRecord} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {audit.data && total === 0 && (
        <Text>
          <FormattedMessage id="audit.empty" />
        </Text>
      )}
      {total > PAGE_SIZE && (
        <Pagination
          total={Math.ceil(total / PAGE_SIZE)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': intl.formatMessage({ id: `pagination.${control}` }) })}
          getItemProps={(n) => ({ 'aria-label': intl.formatMessage({ id: 'pagination.page' }, { page: n }) })}
        />
      )}
    </Stack>
  );
}
