import {
  NOT_STATED,
  textIn,
  type CompletenessMethod,
  type CompletenessResponse,
  type CompletenessRow,
  type LocationStatistic,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { StatisticsFilter } from './access.ts';
import * as repo from './repository.ts';
import { childAreas } from './labels.ts';

const DAY_MS = 86_400_000;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The share of `year` that has passed by `today` (today counted): 1 for a past year, 0 for a future one. */
export function fractionOfYear(year: number, today: string): number {
  const current = Number(today.slice(0, 4));
  if (year < current) return 1;
  if (year > current) return 0;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  return (Date.parse(`${today}T00:00:00Z`) - start) / DAY_MS / days + 1 / days;
}

/** Population statistics by area and year, and the years they cover. */
function statisticsIndex(statistics: readonly LocationStatistic[]) {
  const byArea = new Map<string, Map<number, LocationStatistic>>();
  for (const s of statistics) {
    let years = byArea.get(s.locationId);
    if (!years) byArea.set(s.locationId, (years = new Map()));
    years.set(s.year, s);
  }
  const years = statistics.map((s) => s.year);
  return { byArea, first: Math.min(...years), last: Math.max(...years) };
}

/**
 * Completeness of registration for the areas one level below the filter's area: registered events that took place
 * in the year (by date and place of the event) over the expected number, population x crude rate / 1000, prorated
 * to today while the year is not over. Births use each area's crude birth rate from the country's statistics;
 * deaths the country's crude death rate (config). Years outside the statistics use the nearest year there is.
 */
export async function completeness(
  ctx: AppContext,
  filter: StatisticsFilter,
  year: number,
): Promise<CompletenessResponse> {
  const { country } = ctx;
  const stats = statisticsIndex(country.config.statistics);
  const today = country.today();
  const statisticsYear = stats.byArea.size ? Math.min(Math.max(year, stats.first), stats.last) : null;
  const fraction = fractionOfYear(year, today);
  const deathRate = country.config.vitalStatistics!.crudeDeathRate;
  const births = filter.eventType === 'birth';
  const expectedOf = (areaId: string): number | null => {
    const s = statisticsYear === null ? undefined : stats.byArea.get(areaId)?.get(statisticsYear);
    if (!s) return null;
    const rate = births ? s.crudeBirthRate : deathRate.perThousand;
    return round(((s.population * rate) / 1000) * fraction, 1);
  };
  const ratio = (n: number, expected: number | null) => (expected ? round(n / expected, 4) : null);

  const counts = await repo.countOccurredByArea(ctx.db, filter, { from: `${year}-01-01`, to: `${year}-12-31` });
  const byKey = new Map(counts.map((c) => [c.key, c]));
  const rows: CompletenessRow[] = childAreas(country, filter.areaId).map((area) => {
    const c = byKey.get(area.id);
    const expected = expectedOf(area.id);
    const registered = c?.registered ?? 0;
    const onTime = c?.on_time ?? 0;
    return {
      areaId: area.id,
      name: area.name,
      registered,
      registeredOnTime: onTime,
      expected,
      completeness: ratio(registered, expected),
      completenessOnTime: ratio(onTime, expected),
    };
  });
  const registered = counts.reduce((n, c) => n + c.registered, 0);
  const onTime = counts.reduce((n, c) => n + c.on_time, 0);
  const own = filter.areaId ? expectedOf(filter.areaId) : null;
  const summed = rows.every((r) => r.expected !== null)
    ? round(
        rows.reduce((n, r) => n + r.expected!, 0),
        1,
      )
    : null;
  const expected = own ?? summed;

  const notes: string[] = [];
  if (statisticsYear !== null && statisticsYear !== year) {
    notes.push(
      `The country's statistics cover ${stats.first}-${stats.last}: ${year} uses the ${statisticsYear > year ? 'earliest' : 'latest'} year, ${statisticsYear}.`,
    );
  }
  if (fraction < 1) notes.push(`${year} is not over: expected numbers cover ${round(fraction * 100, 1)}% of it.`);
  const unknown = byKey.get(NOT_STATED)?.registered ?? 0;
  if (unknown) notes.push(`${unknown} registered events have no known area at this level: counted in the total only.`);
  if (rows.some((r) => r.expected === null)) notes.push('Areas without population statistics have no expected number.');
  const method: CompletenessMethod = {
    formula: births
      ? 'completeness = registered / expected; expected = population x crude birth rate / 1000 x share of the year elapsed'
      : 'completeness = registered / expected; expected = population x crude death rate / 1000 x share of the year elapsed',
    source: births
      ? "population and crude birth rate of each area in the country's statistics (statistics.csv)"
      : `population of each area in the country's statistics; crude death rate: ${textIn(deathRate.source, 'en')}`,
    year,
    statisticsYear,
    crudeRate: births ? null : deathRate.perThousand,
    fractionOfYear: round(fraction, 6),
    proratedTo: fraction < 1 && fraction > 0 ? today : null,
    notes,
  };
  return {
    method,
    areaId: filter.areaId,
    level: filter.level + 1,
    rows,
    total: {
      registered,
      registeredOnTime: onTime,
      expected,
      completeness: ratio(registered, expected),
      completenessOnTime: ratio(onTime, expected),
    },
  };
}
