import { Anchor, Breadcrumbs, Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { useLocation } from '../data/queries.ts';
import { PERIODS, type DashboardFilters, type Period } from './dashboard-filters.ts';

type Update = (changes: Partial<Record<keyof DashboardFilters, string | null>>) => void;

/** Event, period and the dates of a custom period. */
export function FilterBar({
  filters,
  events,
  update,
}: {
  filters: DashboardFilters;
  events: Array<{ id: string; label: Record<string, string> }>;
  update: Update;
}) {
  const intl = useIntl();
  const { text } = useLanguage();
  return (
    <Group align="end" gap="md" wrap="wrap" role="group" aria-label={intl.formatMessage({ id: 'statistics.filters' })}>
      <div>
        <Text size="sm" fw={500} id="statistics-event">
          <FormattedMessage id="statistics.event" />
        </Text>
        <SegmentedControl
          aria-labelledby="statistics-event"
          value={filters.event}
          onChange={(event) => update({ event })}
          data={events.map((e) => ({ value: e.id, label: text(e.label) }))}
        />
      </div>
      <Select
        label={intl.formatMessage({ id: 'statistics.period' })}
        value={filters.period}
        allowDeselect={false}
        onChange={(period) => update({ period, from: null, to: null })}
        data={PERIODS.map((p: Period) => ({ value: p, label: intl.formatMessage({ id: `statistics.period.${p}` }) }))}
        w={190}
      />
      {filters.period === 'custom' && (
        <>
          <TextInput
            type="date"
            label={intl.formatMessage({ id: 'statistics.from' })}
            value={filters.from}
            onChange={(e) => update({ from: e.currentTarget.value, to: filters.to })}
          />
          <TextInput
            type="date"
            label={intl.formatMessage({ id: 'statistics.to' })}
            value={filters.to}
            onChange={(e) => update({ to: e.currentTarget.value, from: filters.from })}
          />
        </>
      )}
    </Group>
  );
}

/**
 * Where the dashboard is: the country (for national users) or the user's own area, then each area drilled into,
 * then the office. Each step is a link back up.
 */
export function AreaTrail({
  root,
  rootName,
  areaId,
  officeId,
  update,
}: {
  /** The top the user may go to: null for the country. */
  root: string | null;
  rootName: string;
  areaId: string | null;
  officeId: string | null;
  update: Update;
}) {
  const intl = useIntl();
  const trail = useAncestry(areaId, root);
  const office = useLocation(officeId ?? undefined);
  const steps: Array<{ id: string | null; name: string; office?: boolean }> = [
    { id: root, name: rootName },
    ...trail.filter((l) => l.id !== root).map((l) => ({ id: l.id as string | null, name: l.name })),
  ];
  if (officeId) steps.push({ id: officeId, name: office.data?.name ?? '…', office: true });
  return (
    <nav aria-label={intl.formatMessage({ id: 'statistics.trail' })}>
      <Breadcrumbs separator="›" data-testid="area-trail">
        {steps.map((step, i) =>
          i === steps.length - 1 ? (
            <Text key={step.id ?? 'root'} fw={700} aria-current="page">
              {step.name}
            </Text>
          ) : (
            <Anchor
              key={step.id ?? 'root'}
              component="button"
              type="button"
              onClick={() => update({ areaId: step.id === root ? null : step.id, officeId: null })}
            >
              {step.name}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}

/** The areas from just below `root` down to `areaId`, loaded one by one (each is cached for the day). */
function useAncestry(areaId: string | null, root: string | null) {
  const a = useLocation(areaId ?? undefined);
  const b = useLocation(a.data?.parentId && a.data.id !== root ? a.data.parentId : undefined);
  const c = useLocation(b.data?.parentId && b.data.id !== root ? b.data.parentId : undefined);
  return [c.data, b.data, a.data].filter((l): l is NonNullable<typeof l> => !!l && l.type === 'ADMIN_AREA');
}
