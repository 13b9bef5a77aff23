import type { CompletenessResponse, StatisticsMapResponse } from '@lifeline/domain';
import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Chart } from './Chart.tsx';
import { echarts, type EChartsCoreOption } from './echarts.ts';
import { useKeyLabels } from './labels.ts';

const COLORS = ['#c62828', '#ef6c00', '#f9a825', '#7cb342', '#2e7d32'];

/**
 * Completeness of the areas one level down: a choropleth where the country has boundaries for that level, else
 * the areas as ranked bars; a table with the numbers either way. Clicking an area drills into it.
 */
export function CompletenessSection({
  data,
  map,
  event,
  onSelect,
}: {
  data: CompletenessResponse;
  map: StatisticsMapResponse | null | undefined;
  event: string;
  onSelect(areaId: string): void;
}) {
  const intl = useIntl();
  const labels = useKeyLabels(event);
  const year = data.method.year;
  const drawn = map && map.level === data.level ? map : null;
  const summary = data.rows.map((r) => `${r.name} ${labels.percent(r.completeness)}`).join(', ');
  const percent = labels.percent;
  // (Recomputed when the data, the map or the language change: labels' functions are new at each render.)
  const option = useMemo(
    () => (drawn ? mapOption(drawn, data) : barsOption(data, percent)),
    [drawn, data, intl.locale],
  );
  return (
    <Card withBorder padding="md" data-testid="completeness">
      <Title order={2} size="h4" mb="xs">
        <FormattedMessage id="statistics.completeness.title" values={{ year }} />
      </Title>
      <Chart
        option={option}
        height={drawn ? 360 : Math.max(160, data.rows.length * 34)}
        label={intl.formatMessage(
          { id: drawn ? 'statistics.completeness.mapLabel' : 'statistics.completeness.barsLabel' },
          { values: summary },
        )}
        onSelect={(name) => {
          const row = data.rows.find((r) => r.areaId === name || r.name === name);
          if (row) onSelect(row.areaId);
        }}
        testId={drawn ? 'completeness-map' : 'completeness-bars'}
      />
      <Table.ScrollContainer minWidth={420}>
        <Table striped fz="sm" data-testid="completeness-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <FormattedMessage id="statistics.completeness.area" />
              </Table.Th>
              <Table.Th ta="right">
                <FormattedMessage id="statistics.completeness.registered" />
              </Table.Th>
              <Table.Th ta="right">
                <FormattedMessage id="statistics.completeness.expected" />
              </Table.Th>
              <Table.Th ta="right">
                <FormattedMessage id="statistics.completeness.rate" />
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => (
              <Table.Tr key={r.areaId} data-area={r.areaId}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    ta="left"
                    onClick={() => onSelect(r.areaId)}
                    aria-label={intl.formatMessage({ id: 'statistics.completeness.open' }, { area: r.name })}
                  >
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" data-testid="completeness-registered">
                  {labels.number(r.registered)}
                </Table.Td>
                <Table.Td ta="right">{labels.number(r.expected === null ? null : Math.round(r.expected))}</Table.Td>
                <Table.Td ta="right">{labels.percent(r.completeness)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <details>
        <summary>
          <FormattedMessage id="statistics.completeness.method" />
        </summary>
        <Text size="sm">{data.method.formula}</Text>
        <Text size="sm">{data.method.source}</Text>
        {[...data.method.notes, ...(drawn ? [drawn.source] : [])].map((note) => (
          <Text size="sm" key={note} c="dimmed">
            {note}
          </Text>
        ))}
      </details>
    </Card>
  );
}

const registered = new Set<string>();

function mapOption(map: StatisticsMapResponse, data: CompletenessResponse): EChartsCoreOption {
  const name = `lifeline-level-${map.level}`;
  if (!registered.has(name)) {
    echarts.registerMap(name, map.geojson as never);
    registered.add(name);
  }
  const names = new Map(data.rows.map((r) => [r.areaId, r.name]));
  const byArea = new Map(data.rows.map((r) => [r.areaId, r]));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string }) => {
        const row = byArea.get(p.name);
        if (!row) return names.get(p.name) ?? p.name;
        const rate = row.completeness === null ? '–' : `${(row.completeness * 100).toFixed(1)}%`;
        return `${row.name}: ${rate} (${row.registered} / ${row.expected === null ? '–' : Math.round(row.expected)})`;
      },
    },
    visualMap: {
      type: 'piecewise',
      pieces: [
        { lt: 50, color: COLORS[0], label: '< 50%' },
        { gte: 50, lt: 70, color: COLORS[1], label: '50-70%' },
        { gte: 70, lt: 85, color: COLORS[2], label: '70-85%' },
        { gte: 85, lt: 95, color: COLORS[3], label: '85-95%' },
        { gte: 95, color: COLORS[4], label: '≥ 95%' },
      ],
      left: 0,
      bottom: 0,
      itemWidth: 14,
    },
    series: [
      {
        type: 'map',
        map: name,
        nameProperty: 'areaId',
        roam: false,
        label: {
          show: true,
          formatter: (p: { name: string }) => names.get(p.name) ?? '',
          fontSize: 12,
          fontWeight: 'bold',
          color: '#111',
          textBorderColor: '#fff',
          textBorderWidth: 3,
        },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#90caf9' } },
        itemStyle: { borderColor: '#fff', borderWidth: 1, areaColor: '#e0e0e0' },
        data: data.rows.map((r) => ({
          name: r.areaId,
          value: r.completeness === null ? null : Math.round(r.completeness * 1000) / 10,
        })),
      },
    ],
  };
}

function barsOption(data: CompletenessResponse, percent: (v: number | null) => string): EChartsCoreOption {
  const rows = [...data.rows].sort(
    (a, b) => (b.completeness ?? -1) - (a.completeness ?? -1) || b.registered - a.registered,
  );
  const colorOf = (v: number | null) =>
    v === null ? '#9e9e9e' : COLORS[v < 0.5 ? 0 : v < 0.7 ? 1 : v < 0.85 ? 2 : v < 0.95 ? 3 : 4];
  const known = rows.some((r) => r.completeness !== null);
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', axisLabel: { formatter: known ? (v: number) => `${v}%` : undefined } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({
          value: known ? (r.completeness === null ? 0 : Math.round(r.completeness * 1000) / 10) : r.registered,
          itemStyle: { color: known ? colorOf(r.completeness) : '#1565c0' },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) =>
            known ? percent(rows[p.dataIndex].completeness) : String(rows[p.dataIndex].registered),
        },
      },
    ],
  };
}
