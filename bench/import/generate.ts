import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { Country } from '../../apps/server/src/country.ts';
import { BIRTH_COLUMNS, type BirthRow } from '../../apps/server/src/modules/imports/testing.ts';
import { buildNameLists } from '../search/names.ts';
import { Rng } from '../search/prng.ts';

export interface Generated {
  rows: number;
  /** Rows made bad on purpose, by kind: each must be refused. */
  bad: { date: number; office: number; number: number };
  /**
   * Rows that register again a child of an earlier row (700 rows before: the same batch or the one before), with
   * a typo in the first name and the birth a day later, under a new number: the country's duplicate rules must
   * report each one (by its registration number), the exact rule lets them in.
   */
  duplicates: string[];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A legacy birth register as CSV, in Farajaland's import map: births from 1960 to 2020 with names drawn from the
 * search benchmark's lists (real Zambian names, Zipf frequencies), registered within a year at one of the offices;
 * a few rows bad on purpose (an impossible date, an unknown office, a number used twice). Written as it is made.
 */
export async function generateBirths(
  country: Country,
  file: string,
  count: number,
  seed = 'import',
  /** The registration numbers' prefix: another one adds a file to a register an earlier run left (BENCH_KEEP). */
  prefix = 'B',
): Promise<Generated> {
  const rng = new Rng(seed);
  // The same population's names whatever the seed: a second file looks like the first to the duplicate rules.
  const names = buildNameLists('import');
  const all = [...country.locations.all()];
  const offices = all.filter((l) => l.type === 'CRVS_OFFICE').map((l) => l.name);
  const facilities = all.filter((l) => l.type === 'HEALTH_FACILITY').map((l) => l.name);
  const districts = all.filter((l) => l.type === 'ADMIN_AREA' && l.level === 2).map((l) => l.name);
  const registrars = Array.from({ length: 200 }, () => `${names.male.draw(rng)[0]}. ${names.surnames.draw(rng)}`);
  const out = createWriteStream(file);
  const bad = { date: 0, office: 0, number: 0 };
  const duplicates: string[] = [];
  /** The last rows written, good ones only (by row number), to copy from. */
  const recent = new Map<number, BirthRow>();
  const start = Date.parse('1960-01-01');
  const span = Date.parse('2020-12-31') - start;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(stringify([[...BIRTH_COLUMNS]]));
  let lines: BirthRow[] = [];
  let previousNumber = '';
  for (let n = 1; n <= count; n++) {
    const born = start + rng.int(Math.floor(span / DAY)) * DAY;
    const registered = born + rng.int(400) * DAY;
    const female = rng.next() < 0.5;
    const surname = names.surnames.draw(rng);
    const mother = names.female.draw(rng);
    const hospital = rng.next() < 0.7;
    const fatherKnown = rng.next() < 0.8;
    const year = new Date(registered).getUTCFullYear();
    const row: BirthRow = {
      registration_number: `${prefix}/${year}/${String(n).padStart(7, '0')}`,
      registration_date: iso(registered),
      registration_office: offices[rng.int(offices.length)],
      registrar: registrars[rng.int(registrars.length)],
      child_first_name: female ? names.female.draw(rng) : names.male.draw(rng),
      child_middle_names: rng.next() < 0.4 ? names.middle.draw(rng) : '',
      child_surname: surname,
      child_sex: female ? 'F' : 'M',
      child_date_of_birth: iso(born),
      place_of_birth: hospital ? 'HOSPITAL' : 'HOME',
      health_facility: hospital ? facilities[rng.int(facilities.length)] : '',
      birth_type: 'SINGLE',
      weight_at_birth_kg: (2 + rng.int(25) / 10).toFixed(1),
      informant: 'MOTHER',
      mother_first_name: mother,
      mother_surname: rng.next() < 0.7 ? surname : names.surnames.draw(rng),
      mother_date_of_birth: iso(born - (19 + rng.int(25)) * 365 * DAY),
      mother_id_type: 'NONE',
      mother_residence: districts[rng.int(districts.length)],
      mother_village: '',
      father_unknown: fatherKnown ? 'no' : 'yes',
      father_first_name: fatherKnown ? names.male.draw(rng) : '',
      father_surname: fatherKnown ? surname : '',
    };
    if (n % 5000 === 1234) {
      row.child_date_of_birth = `${new Date(born).getUTCFullYear()}-02-31`;
      bad.date += 1;
    } else if (n % 7919 === 0) {
      row.registration_office = 'Office that closed in 1970';
      bad.office += 1;
    } else if (n % 10007 === 0 && previousNumber) {
      row.registration_number = previousNumber;
      bad.number += 1;
    } else if (n % 2003 === 0 && recent.has(n - 700)) {
      const original = recent.get(n - 700)!;
      const first = original.child_first_name!;
      Object.assign(row, original, {
        registration_number: row.registration_number,
        registration_date: iso(Date.parse(original.registration_date!) + 2 * DAY),
        // A clerk's typo: a letter written twice.
        child_first_name: first.slice(0, -1) + first.slice(-2),
        child_date_of_birth: iso(Date.parse(original.child_date_of_birth!) + DAY),
      });
      duplicates.push(row.registration_number!);
    } else {
      recent.set(n, row);
      recent.delete(n - 1000);
    }
    previousNumber = row.registration_number!;
    lines.push(row);
    if (lines.length === 1000) {
      await write(stringify(lines.map((r) => BIRTH_COLUMNS.map((c) => r[c] ?? ''))));
      lines = [];
    }
  }
  if (lines.length) await write(stringify(lines.map((r) => BIRTH_COLUMNS.map((c) => r[c] ?? ''))));
  out.end();
  await once(out, 'finish');
  return { rows: count, bad, duplicates };
}
