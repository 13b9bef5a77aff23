import { GROUP_BY, todayIn } from '@lifeline/domain';
import type { Country } from '../../apps/server/src/country.ts';
import { Rng } from '../search/prng.ts';

/** The statistics calls the benchmark makes: the dashboard's and the exports', over varied periods and areas. */

export interface Call {
  kind: string;
  /** Who asks: a national performance manager or a provincial registrar (their jurisdiction limits the counts). */
  user: 'national' | 'provincial';
  url: string;
  /** The p95 goal in ms, or null for exports (reported, no goal). */
  goalMs: number | null;
}

export const GOAL_MS = 200;
export const MAP_GOAL_MS = 500;

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `perKind` calls of each kind. Periods are 12-month windows ending on a random day of the register's last five
 * years (the dashboard's default is the last 12 months); areas are random provinces and districts.
 */
export function plannedCalls(country: Country, perKind: number, seed: string): Call[] {
  const rng = new Rng(`${seed}/statistics-calls`);
  const today = todayIn(country.config.settings.timeZone);
  const areas = [...country.locations.all()].filter((l) => l.type === 'ADMIN_AREA');
  const provinces = areas.filter((a) => a.level === 1).map((a) => a.id);
  const districts = areas.filter((a) => a.level === 2 && a.name !== '-').map((a) => a.id);
  const period = () => {
    const to = shift(today, -rng.int(5 * 365));
    return `from=${shift(to, -364)}&to=${to}`;
  };
  const year = () => Number(today.slice(0, 4)) - rng.int(6);
  const calls: Call[] = [];
  const add = (kind: string, url: () => string, goalMs: number | null, user: Call['user'] = 'national') => {
    for (let i = 0; i < perKind; i++) calls.push({ kind, user, url: url(), goalMs });
  };
  for (const groupBy of GROUP_BY) {
    if (groupBy === 'ageGroup') continue; // deaths only; the register is births
    add(
      `registrations by ${groupBy}, national`,
      () => `/api/statistics/registrations?event=birth&groupBy=${groupBy}&${period()}`,
      GOAL_MS,
    );
  }
  add(
    'registrations by area, a province',
    () => `/api/statistics/registrations?event=birth&groupBy=area&areaId=${rng.pick(provinces)}&${period()}`,
    GOAL_MS,
  );
  add(
    'registrations by office, a district',
    () => `/api/statistics/registrations?event=birth&groupBy=office&areaId=${rng.pick(districts)}&${period()}`,
    GOAL_MS,
  );
  add(
    'registrations by month, provincial registrar',
    () => `/api/statistics/registrations?event=birth&groupBy=month&${period()}`,
    GOAL_MS,
    'provincial',
  );
  add('completeness, national map', () => `/api/statistics/completeness?event=birth&year=${year()}`, MAP_GOAL_MS);
  add(
    'completeness, a province',
    () => `/api/statistics/completeness?event=birth&year=${year()}&areaId=${rng.pick(provinces)}`,
    GOAL_MS,
  );
  add(
    'time to registration by office, national',
    () => `/api/statistics/time-to-registration?event=birth&${period()}`,
    GOAL_MS,
  );
  add(
    'time to registration by office, a province',
    () => `/api/statistics/time-to-registration?event=birth&areaId=${rng.pick(provinces)}&${period()}`,
    GOAL_MS,
  );
  add(
    'certificates and fees by office and month',
    () => `/api/statistics/certificates?event=birth&${period()}`,
    GOAL_MS,
  );
  add('data quality report, national', () => `/api/statistics/data-quality?event=birth&${period()}`, GOAL_MS);
  add(
    'UN tabulation: births by month and sex',
    () => `/api/statistics/tabulations/births-by-month-and-sex?year=${year()}`,
    GOAL_MS,
  );
  add(
    'UN tabulation: births by age of mother',
    () => `/api/statistics/tabulations/births-by-mother-age?year=${year()}`,
    GOAL_MS,
  );
  add(
    'CSV export: registrations by month',
    () => `/api/statistics/registrations.csv?event=birth&groupBy=month&${period()}`,
    GOAL_MS,
  );
  add('XLSX export: completeness', () => `/api/statistics/completeness.xlsx?event=birth&year=${year()}`, GOAL_MS);
  // The microdata of a district's year: an export of thousands of lines, reported without a goal.
  add(
    'microdata export, a district, 12 months',
    () => `/api/statistics/vital-statistics-export.csv?event=birth&areaId=${rng.pick(districts)}&${period()}`,
    null,
  );
  return calls;
}
