import type { GroupBy, RegistrationsResponse } from '@lifeline/domain';
import { Card, SimpleGrid, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useRegistrations } from './api.ts';
import { Chart } from './Chart.tsx';
import type { EChartsCoreOption } from './echarts.ts';
import type { DashboardFilters } from './dashboard-filters.ts';
import { useKeyLabels } from './labels.ts';

const TIMELINESS = ['ON_TIME', 'LATE', 'DELAYED'];

/** Registrations of the period by month (all months shown), sex, timeliness and place of occurrence. */
export function Breakdowns({ filters }: { filters: DashboardFilters }) {
  const labels = useKeyLabels(filters.event);
  const months = useMemo(() => monthsBetween(filters.from, filters.to), [filters.from, filters.to]);
  return (
    <>
      <Breakdown
        filters={filters}
        groupBy="month"
        title="statistics.chart.month"
        keys={months}
        label={labels.month}
        vertical
      />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Breakdown filters={filters} groupBy="sex" title="statistics.chart.sex" label={labels.sex} />
        <Breakdown
          filters={filters}
          groupBy="timeliness"
          title="statistics.chart.timeliness"
          keys={TIMELINESS}
          label={labels.timeliness}
        />
        <Breakdown filters={filters} groupBy="placeOfOccurrence" title="statistics.chart.place" label={labels.place} />
      </SimpleGrid>
    </>
  );
}

function Breakdown({
  filters,
  groupBy,
  title,
  keys,
  label,
  vertical = false,
}: {
  filters: DashboardFilters;
  groupBy: GroupBy;
  title: string;
  /** Keys always shown, in this order (others follow); otherwise the keys counted, largest first. */
  keys?: string[];
  label(key: string): string;
  vertical?: boolean;
}) {
  const intl = useIntl();
  const data = useRegistrations(filters, groupBy).data;
  const rows = useMemo(() => ordered(data, keys), [data, keys]);
  const names = rows.map((r) => label(r.key));
  const option = useMemo<EChartsCoreOption>(() => {
    const category = { type: 'category', data: names, axisLabel: { width: 90, overflow: 'truncate' } };
    const value = { type: 'value', minInterval: 1 };
    return {
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: vertical ? category : value,
      yAxis: vertical ? value : { ...category, inverse: true },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => r.count),
          itemStyle: { color: '#1565c0' },
          label: { show: !vertical || rows.length <= 12, position: vertical ? 'top' : 'right' },
        },
      ],
    };
  }, [rows, vertical, intl.locale]);
  const heading = intl.formatMessage({ id: title });
  const summary = rows.map((r, i) => `${names[i]} ${r.count}`).join(', ');
  return (
    <Card withBorder padding="md" data-testid={`chart-${groupBy}`}>
      <Title order={2} size="h4">
        {heading}
      </Title>
      <Chart
        option={option}
        height={vertical ? 260 : Math.max(140, rows.length * 36 + 24)}
        label={intl.formatMessage({ id: 'statistics.chart.label' }, { title: heading, values: summary })}
      />
    </Card>
  );
}

function ordered(data: RegistrationsResponse | undefined, keys?: string[]) {
  const rows = data?.rows ?? [];
  if (!keys) return [...rows].sort((a, b) => b.count - a.count);
  const byKey = new Map(rows.map((r) => [r.key, r.count]));
  const extra = rows.filter((r) => !keys.includes(r.key));
  return [...keys.map((key) => ({ key, count: byKey.get(key) ?? 0 })), ...extra];
}

/** Every month from `from` to `to` (YYYY-MM), so a month without registrations shows as zero. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [endYear, endMonth] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  while ((year < endYear || (year === endYear && month <= endMonth)) && months.length < 240) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}
