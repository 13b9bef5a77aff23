import { confirmedNationalId } from '@lifeline/domain';
import { Alert, DataList, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { EventDocument } from '../../api/types.ts';
import { LocationName } from '../components/LocationName.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useFormatters } from '../data/format.ts';
import { useEventConfig } from '../data/useEventConfig.ts';
import { IdentityChecks } from './IdentityChecks.tsx';

/** Name, event, status and the record's key facts. */
export function RecordHeader({ record }: { record: EventDocument }) {
  const { label } = useEventConfig(record.type);
  const format = useFormatters();
  const nationalId = confirmedNationalId(record.actions);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group gap="sm" align="center">
          <Title order={1} size="h2" data-testid="record-title">
            {record.title || <FormattedMessage id="record.noName" />}
          </Title>
          <StatusBadge status={record.status} flags={record.flags} />
        </Group>
        {record.flags.includes('registration-requested') && (
          <Alert color="indigo" variant="light" data-testid="waiting-for-national-id">
            <FormattedMessage id="record.waitingForNationalId" />
          </Alert>
        )}
        <IdentityChecks eventId={record.id} />
        <DataList orientation="horizontal" size="sm" labelWidth={180}>
          <Fact id="record.event" value={label} />
          <Fact id="record.trackingId" value={record.trackingId} testId="tracking-id" />
          {record.registrationNumber && (
            <Fact id="record.registrationNumber" value={record.registrationNumber} testId="registration-number" />
          )}
          {nationalId && <Fact id="record.nationalId" value={nationalId} testId="national-id" />}
          <Fact id="record.dateOfEvent" value={format.date(record.dateOfEvent) || '—'} />
          <Fact
            id="record.placeOfEvent"
            value={record.placeOfEvent ? <LocationName id={record.placeOfEvent} /> : '—'}
          />
          <Fact id="record.updatedAt" value={format.dateTime(record.updatedAt)} />
        </DataList>
      </Stack>
    </Paper>
  );
}

function Fact({ id, value, testId }: { id: string; value: React.ReactNode; testId?: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>
        <FormattedMessage id={id} />
      </DataList.ItemLabel>
      <DataList.ItemValue>
        <Text span fw={600} size="sm" data-testid={testId}>
          {value}
        </Text>
      </DataList.ItemValue>
    </DataList.Item>
  );
}
