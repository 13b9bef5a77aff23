import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CountryConfigError } from '@lifeline/domain';
import { parse } from 'csv-parse/sync';

/** Absolute path of the package's data folder (CSV files, map.geojson). */
export const FARAJALAND_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** Paths as named in config errors: relative to the repository root, like the source files. */
export const PACKAGE_PATH = 'countries/farajaland';
export const dataFile = (name: string) => `${PACKAGE_PATH}/data/${name}`;

export type Row = Record<string, string>;

/** Rows of a CSV in the data folder, keyed by header. Handles \r\n line ends, a BOM and stray spaces. */
export function readCsv(name: string, columns: readonly string[]): Row[] {
  const rows = parse(readFileSync(`${FARAJALAND_DATA_DIR}${name}`, 'utf8'), {
    columns: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
  }) as Row[];
  const header = Object.keys(rows[0] ?? {});
  for (const column of columns) {
    if (!header.includes(column)) throw new CountryConfigError(dataFile(name), column, `missing column "${column}"`);
  }
  return rows;
}

/** A config error pointing at a CSV row; row numbers count the header as line 1, as spreadsheets do. */
export function rowError(name: string, index: number, column: string, problem: string): CountryConfigError {
  return new CountryConfigError(dataFile(name), `line ${index + 2}.${column}`, problem);
}
