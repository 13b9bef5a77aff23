import type { LocationStatistic } from '@lifeline/domain';
import { readCsv, rowError } from './csv.ts';

export const STATISTICS_FILE = 'statistics.csv';

export const FIRST_YEAR = 2007;
export const LAST_YEAR = 2025;

/**
 * Rows of statistics.csv whose codes no longer exist among the administrative areas: the v1.9 codes of Embe,
 * Ienge, Funabuli and Pili (Pualula's districts were recoded and left unnamed) and the old code of Chibiya
 * (now RKQ6R4bAjTg). They are skipped; any other unknown code is an error, so a typo cannot silently drop a row.
 */
export const RETIRED_STATISTICS_CODES: ReadonlySet<string> = new Set([
  'BxrIbNW7f3K',
  'NLjvK1QsrN3',
  'idR0pJWLqcR',
  'FuvOOwvBw0p',
  'R22tRIhdm5Y',
]);

/** The wide CSV (one column group per year) as one row per area and year. */
export function loadStatistics(areaIds: ReadonlySet<string>): LocationStatistic[] {
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const measures = ['male_population', 'female_population', 'population', 'crude_birth_rate'];
  const columns = ['adminPcode', ...years.flatMap((y) => measures.map((m) => `${m}_${y}`))];
  const result: LocationStatistic[] = [];
  readCsv(STATISTICS_FILE, columns).forEach((row, i) => {
    const locationId = row.adminPcode;
    if (RETIRED_STATISTICS_CODES.has(locationId)) return;
    if (!areaIds.has(locationId)) throw rowError(STATISTICS_FILE, i, 'adminPcode', `unknown area "${locationId}"`);
    const number = (column: string) => {
      const value = Number(row[column]);
      if (row[column] === '' || !Number.isFinite(value)) {
        throw rowError(STATISTICS_FILE, i, column, `"${row[column]}" is not a number`);
      }
      return value;
    };
    for (const year of years) {
      result.push({
        locationId,
        year,
        malePopulation: number(`male_population_${year}`),
        femalePopulation: number(`female_population_${year}`),
        population: number(`population_${year}`),
        crudeBirthRate: number(`crude_birth_rate_${year}`),
      });
    }
  });
  return result;
}
