import {
  DEATH_AGE_GROUPS,
  formFields,
  ICD10_CHAPTERS,
  MOTHER_AGE_GROUPS,
  NOT_STATED,
  placeCategory,
  textIn,
  type Tabulation,
  type TabulationId,
  type TabulationQuery,
} from '@lifeline/domain';
import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../context.ts';
import { conflict } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { statisticsFilter, type StatisticsFilter } from './access.ts';
import * as repo from './repository.ts';
import { areaColumn } from './tables.ts';

/**
 * Tables of the UN Principles and Recommendations for a Vital Statistics System (Rev. 3): registered events by
 * year of occurrence, in the area asked for, by a row variable and sex.
 */

interface Key {
  key: string;
  label: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const notStated: Key = { key: NOT_STATED, label: 'Not stated' };
const keys = (list: readonly string[]) => list.map((k) => ({ key: k, label: k }));

interface Spec {
  event: 'birth' | 'death';
  title: string;
  rowTitle: string;
  rows(ctx: AppContext, filter: StatisticsFilter): { grouping: repo.Grouping; keys: Key[]; map?(raw: string): string };
}

const SPECS: Record<TabulationId, Spec> = {
  'births-by-month-and-sex': {
    event: 'birth',
    title: 'Live births by month of occurrence and sex',
    rowTitle: 'Month of occurrence',
    rows: () => ({
      grouping: {
        group: sql`extract(month FROM event_date)::int`,
        key: (v: RawBuilder<unknown>) => sql<string>`lpad(${v}::text, 2, '0')`,
      },
      keys: MONTHS.map((label, i) => ({ key: String(i + 1).padStart(2, '0'), label })),
    }),
  },
  'births-by-mother-age': {
    event: 'birth',
    title: 'Live births by age of mother and sex',
    rowTitle: 'Age of mother',
    rows: () => ({
      grouping: repo.plainGrouping('mother_age_group'),
      keys: [...keys(MOTHER_AGE_GROUPS), notStated],
    }),
  },
  'births-by-place-of-occurrence': {
    event: 'birth',
    title: 'Live births by place of occurrence and sex',
    rowTitle: 'Place of occurrence',
    rows: (ctx) => {
      const stats = ctx.country.config.vitalStatistics!.events.birth;
      return {
        grouping: repo.plainGrouping('place_type'),
        keys: [
          { key: 'HEALTH_FACILITY', label: 'Health facility' },
          { key: 'HOME', label: 'Home' },
          { key: 'OTHER', label: 'Other' },
          notStated,
        ],
        map: (raw) => placeCategory(stats, raw) ?? NOT_STATED,
      };
    },
  },
  'births-by-urban-rural': {
    event: 'birth',
    title: 'Live births by urban/rural area of occurrence and sex',
    rowTitle: 'Area',
    rows: (ctx) => {
      const urbanRural = ctx.country.config.vitalStatistics?.urbanRural;
      if (!urbanRural) throw conflict("this country's config does not say which areas are urban or rural");
      return {
        grouping: repo.plainGrouping(areaColumn(urbanRural.level)),
        keys: [{ key: 'URBAN', label: 'Urban' }, { key: 'RURAL', label: 'Rural' }, notStated],
        map: (raw) => urbanRural.areas[raw] ?? NOT_STATED,
      };
    },
  },
  'deaths-by-age-and-sex': {
    event: 'death',
    title: 'Deaths by age and sex',
    rowTitle: 'Age at death',
    rows: () => ({
      grouping: repo.plainGrouping('age_group'),
      keys: [...keys(DEATH_AGE_GROUPS), notStated],
    }),
  },
  'deaths-by-cause': {
    event: 'death',
    title: 'Deaths by underlying cause (ICD-10 chapter) and sex',
    rowTitle: 'ICD-10 chapter',
    rows: () => ({
      grouping: repo.plainGrouping('cause_chapter'),
      keys: [
        ...ICD10_CHAPTERS.map((c) => ({ key: c.chapter, label: c.title })),
        { key: NOT_STATED, label: 'Not coded' },
      ],
    }),
  },
};

/** The sex columns: the options of the event's sex field, then "Not stated". */
function sexColumns(ctx: AppContext, eventType: string): Key[] {
  const event = ctx.country.events.get(eventType)!;
  const fieldId = ctx.country.config.vitalStatistics!.events[eventType].sexField;
  const field = formFields(event).find((f) => f.field.id === fieldId)?.field;
  const options = field && 'options' in field ? field.options : [];
  return [...options.map((o) => ({ key: o.value, label: textIn(o.label, 'en') })), notStated];
}

export async function tabulation(
  ctx: AppContext,
  user: AuthUser,
  id: TabulationId,
  query: TabulationQuery,
): Promise<Tabulation> {
  const spec = SPECS[id];
  const filter = statisticsFilter(ctx.country, user, 'performance.read', spec.event, query.areaId);
  const rows = spec.rows(ctx, filter);
  const columns = sexColumns(ctx, spec.event);
  const cells = await repo.crossCount(
    ctx.db,
    filter,
    { from: `${query.year}-01-01`, to: `${query.year}-12-31` },
    rows.grouping,
    repo.plainGrouping('sex'),
  );
  const counts = new Map<string, number>();
  for (const c of cells) {
    const row = rows.map ? rows.map(c.row) : c.row;
    const col = columns.some((k) => k.key === c.col) ? c.col : NOT_STATED;
    counts.set(`${row}\u0000${col}`, (counts.get(`${row}\u0000${col}`) ?? 0) + c.count);
  }
  const known = new Set(rows.keys.map((k) => k.key));
  // A value outside the listed rows (a chapter of a newer ICD, say) gets a row of its own rather than vanish.
  const extra = [...new Set([...counts.keys()].map((k) => k.split('\u0000')[0]))].filter((k) => !known.has(k));
  const rowKeys = [...rows.keys, ...extra.map((k) => ({ key: k, label: k }))];
  const table = rowKeys.map((r) => {
    const values = columns.map((c) => counts.get(`${r.key}\u0000${c.key}`) ?? 0);
    return { key: r.key, label: r.label, values, total: values.reduce((a, b) => a + b, 0) };
  });
  const totals = columns.map((_, i) => table.reduce((n, r) => n + r.values[i], 0));
  return {
    id,
    title: `${spec.title}, ${query.year}`,
    rowTitle: spec.rowTitle,
    columns,
    rows: table,
    totals: { values: totals, total: totals.reduce((a, b) => a + b, 0) },
  };
}
