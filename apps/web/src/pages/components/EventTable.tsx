import { Anchor, Card, Group, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { EventSummary } from '../../api/types.ts';
import { useFormatters } from '../data/format.ts';
import type { WorkqueueSort } from '../data/queries.ts';
import { useEventConfig } from '../data/useEventConfig.ts';
import { LocationName } from './LocationName.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  rows: EventSummary[];
  /** Sorting by column headers; absent = not sortable (search results come by relevance). */
  sort?: WorkqueueSort;
  onSort?: (sort: WorkqueueSort) => void;
  caption: string;
}

/** Records as a table: name (a link to the record), event, status, date and place of event, last update. */
export function EventTable({ rows, sort, onSort, caption }: Props) {
  // A phone gets cards: a table's six columns do not fit 360 px without cutting statuses and dates.
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (phone) {
    return (
      <Stack
        gap="xs"
        component="ul"
        p={0}
        m={0}
        aria-label={caption}
        data-testid="event-table"
        style={{ listStyle: 'none' }}
      >
        {rows.map((row) => (
          <EventCard key={row.id} row={row} />
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="event-table">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <SortableHeader id="table.name" field="title" sort={sort} onSort={onSort} />
            <Table.Th>
              <FormattedMessage id="table.event" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="table.status" />
            </Table.Th>
            <SortableHeader id="table.dateOfEvent" field="dateOfEvent" sort={sort} onSort={onSort} />
            <Table.Th>
              <FormattedMessage id="table.place" />
            </Table.Th>
            <SortableHeader id="table.updatedAt" field="updatedAt" sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <EventRow key={row.id} row={row} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A record with no name yet (a draft saved before the name was given): what it is and when it was started. */
function Untitled({ label, createdAt }: { label: string; createdAt: string }) {
  const format = useFormatters();
  return <FormattedMessage id="forms.draftStarted" values={{ event: label, at: format.dateTime(createdAt) }} />;
}

function EventCard({ row }: { row: EventSummary }) {
  const { label } = useEventConfig(row.type);
  const format = useFormatters();
  return (
    <Card component="li" withBorder padding="sm" data-tracking-id={row.trackingId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/records/${row.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {row.title || <Untitled label={label} createdAt={row.createdAt} />}
          </Anchor>
          <Text size="sm">{row.registrationNumber ?? row.trackingId}</Text>
        </div>
        <StatusBadge status={row.status} flags={row.flags} />
      </Group>
      <Text size="sm" mt={4}>
        {label} · {format.date(row.dateOfEvent)} · <LocationName id={row.placeOfEvent} />
      </Text>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="table.updatedAt" />: {format.dateTime(row.updatedAt)}
      </Text>
    </Card>
  );
}

function EventRow({ row }: { row: EventSummary }) {
  const { label } = useEventConfig(row.type);
  const format = useFormatters();
  return (
    <Table.Tr data-tracking-id={row.trackingId}>
      <Table.Td>
        <Anchor component={Link} to={`/records/${row.id}`} fw={600}>
          {row.title || <Untitled label={label} createdAt={row.createdAt} />}
        </Anchor>
        <Text size="xs" c="dimmed">
          {row.registrationNumber ?? row.trackingId}
        </Text>
      </Table.Td>
      <Table.Td>{label}</Table.Td>
      <Table.Td>
        <StatusBadge status={row.status} flags={row.flags} />
      </Table.Td>
      <Table.Td>{format.date(row.dateOfEvent)}</Table.Td>
      <Table.Td>
        <LocationName id={row.placeOfEvent} />
      </Table.Td>
      <Table.Td>{format.dateTime(row.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}

type SortField = 'title' | 'dateOfEvent' | 'updatedAt';

function SortableHeader(props: {
  id: string;
  field: SortField;
  sort?: WorkqueueSort;
  onSort?: (sort: WorkqueueSort) => void;
}) {
  const { id, field, sort, onSort } = props;
  const intl = useIntl();
  if (!onSort) {
    return (
      <Table.Th>
        <FormattedMessage id={id} />
      </Table.Th>
    );
  }
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  // Names sort A to Z only; dates toggle, newest first the first time.
  const next: WorkqueueSort =
    field === 'title' ? 'title' : direction === 'descending' ? field : (`-${field}` as WorkqueueSort);
  const arrow = direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ↕';
  return (
    <Table.Th aria-sort={direction}>
      <UnstyledButton
        onClick={() => onSort(next)}
        fw={700}
        fz="sm"
        aria-label={intl.formatMessage({ id: 'table.sortBy' }, { column: intl.formatMessage({ id }) })}
      >
        <FormattedMessage id={id} />
        <span aria-hidden>{arrow}</span>
      </UnstyledButton>
    </Table.Th>
  );
}
