import { grantedJurisdiction, parseScope, type Scope } from '@lifeline/domain';
import { Card, Group, Loader, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useAppConfig, useMe } from '../../api/config.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormatters } from '../data/format.ts';
import { useLocation } from '../data/queries.ts';
import {
  periodParams,
  useCompleteness,
  useDataQuality,
  useRegistrations,
  useStatisticsMap,
  useTimeToRegistration,
} from './api.ts';
import { Breakdowns } from './Breakdowns.tsx';
import { CompletenessSection } from './CompletenessSection.tsx';
import { AreaTrail, FilterBar } from './Filters.tsx';
import { useDashboardFilters } from './dashboard-filters.ts';
import { useKeyLabels } from './labels.ts';
import { OfficeTable, RegistrarTable } from './OfficeTable.tsx';
import { QualitySection } from './QualitySection.tsx';

/**
 * The performance dashboard: completeness (map or ranked bars), registrations by month, sex, timeliness and place,
 * offices, data quality; filtered by event and period, drilled down province -> district -> office. The server
 * limits every number to the user's jurisdiction; this page loads the charts library on its own.
 */
export default function DashboardPage() {
  const intl = useIntl();
  const config = useAppConfig().data;
  const me = useMe().data;
  const events = useMemo(
    () => (config?.events ?? []).filter((e) => config?.statistics?.[e.id]).map((e) => ({ id: e.id, label: e.label })),
    [config],
  );
  const eventIds = useMemo(() => events.map((e) => e.id), [events]);
  const { filters, update } = useDashboardFilters(config?.settings.timeZone, eventIds);
  const national = useMemo(() => {
    const scopes: Scope[] = (me?.scopes ?? []).flatMap((s) => {
      try {
        return [parseScope(s)];
      } catch {
        return [];
      }
    });
    return grantedJurisdiction(scopes, 'performance.read') === 'all';
  }, [me]);

  const completeness = useCompleteness(filters);
  const total = useRegistrations(filters, 'timeliness');
  const time = useTimeToRegistration(filters);
  const registrars = useRegistrations(filters, 'registrar');
  const quality = useDataQuality(filters);
  const map = useStatisticsMap();
  const labels = useKeyLabels(filters.event);
  const format = useFormatters();
  // Users with an area jurisdiction start from their office's area, and cannot go above it.
  const office = useLocation(national ? undefined : me?.primaryOfficeId);
  const home = useLocation(office.data?.parentId ?? undefined);

  if (!config || !me) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  const root = national ? null : (home.data?.id ?? null);
  const rootName = national || !office.data?.parentId ? config.settings.countryName : (home.data?.name ?? '…');
  const onTime = total.data?.rows.find((r) => r.key === 'ON_TIME')?.count ?? 0;
  const year = Number(filters.to.slice(0, 4));
  const drill = (areaId: string) => update({ areaId, officeId: null });

  return (
    <Stack gap="md" data-testid="dashboard" data-from={filters.from} data-to={filters.to}>
      <Title order={1} size="h2">
        <FormattedMessage id="statistics.title" />
      </Title>
      <FilterBar filters={filters} events={events} update={update} />
      <Group justify="space-between" align="end" wrap="wrap">
        <AreaTrail
          root={root}
          rootName={rootName}
          areaId={filters.areaId ?? root}
          officeId={filters.officeId}
          update={update}
        />
        {completeness.data && completeness.data.rows.length > 0 && !filters.officeId && (
          <Select
            label={intl.formatMessage({ id: 'statistics.goTo' })}
            placeholder={intl.formatMessage({ id: 'statistics.goTo.placeholder' })}
            data={completeness.data.rows.map((r) => ({ value: r.areaId, label: r.name }))}
            value={null}
            onChange={(areaId) => areaId && drill(areaId)}
            searchable
            w={220}
          />
        )}
      </Group>
      <ProblemAlert error={completeness.error ?? total.error ?? time.error} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Summary
          testId="summary-registered"
          title={intl.formatMessage({ id: 'statistics.summary.registered' })}
          value={total.data ? labels.number(total.data.total) : '…'}
          help={intl.formatMessage(
            { id: 'statistics.summary.period' },
            { from: format.date(filters.from), to: format.date(filters.to) },
          )}
        />
        <Summary
          testId="summary-on-time"
          title={intl.formatMessage({ id: 'statistics.summary.onTime' })}
          value={total.data?.total ? labels.percent(onTime / total.data.total) : '–'}
          help={total.data ? `${onTime} / ${total.data.total}` : ''}
        />
        <Summary
          testId="summary-completeness"
          title={intl.formatMessage({ id: 'statistics.summary.completeness' }, { year })}
          value={completeness.data ? labels.percent(completeness.data.total.completeness) : '…'}
          help={intl.formatMessage({ id: 'statistics.summary.completenessHelp' }, { year })}
        />
      </SimpleGrid>
      {completeness.data && completeness.data.rows.length > 0 && !filters.officeId && (
        <CompletenessSection data={completeness.data} map={map.data} event={filters.event} onSelect={drill} />
      )}
      <Breakdowns filters={filters} />
      {time.data && (
        <OfficeTable
          data={time.data}
          event={filters.event}
          download={`/api/statistics/time-to-registration?${periodParams(filters)}`}
          onSelect={(officeId) => update({ officeId })}
        />
      )}
      {filters.officeId && registrars.data && <RegistrarTable data={registrars.data} />}
      {quality.data && (
        <QualitySection data={quality.data} download={`/api/statistics/data-quality?${periodParams(filters)}`} />
      )}
    </Stack>
  );
}

function Summary({ title, value, help, testId }: { title: string; value: string; help: string; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {title}
      </Text>
      <Text size="xl" fw={700} data-testid={`${testId}-value`}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {help}
      </Text>
    </Card>
  );
}
