import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';

/** The columns of Farajaland's birth import map (countries/farajaland/src/imports.ts), in a template's order. */
export const BIRTH_COLUMNS = [
  'registration_number',
  'registration_date',
  'registration_office',
  'registrar',
  'child_first_name',
  'child_middle_names',
  'child_surname',
  'child_sex',
  'child_date_of_birth',
  'place_of_birth',
  'health_facility',
  'birth_type',
  'weight_at_birth_kg',
  'informant',
  'mother_first_name',
  'mother_surname',
  'mother_date_of_birth',
  'mother_id_type',
  'mother_national_id',
  'mother_residence',
  'mother_village',
  'father_unknown',
  'father_first_name',
  'father_surname',
  'father_date_of_birth',
] as const;

export type BirthRow = Partial<Record<(typeof BIRTH_COLUMNS)[number], string>>;

/** A legacy birth row as an old register would hold it: born at Ibombo District Hospital, registered at Ibombo. */
export function legacyBirth(n: number, over: BirthRow = {}): BirthRow {
  return {
    registration_number: `IB/1998/${String(n).padStart(5, '0')}`,
    registration_date: '1998-03-20',
    registration_office: 'Ibombo District Office',
    registrar: 'J. Banda',
    child_first_name: 'Mutale',
    child_middle_names: '',
    child_surname: `Legacy${toLetters(n)}`,
    child_sex: n % 2 ? 'F' : 'M',
    child_date_of_birth: '1998-03-01',
    place_of_birth: 'HOSPITAL',
    health_facility: 'Ibombo District Hospital',
    birth_type: 'SINGLE',
    weight_at_birth_kg: '3.1',
    informant: 'MOTHER',
    mother_first_name: 'Mwila',
    mother_surname: `Legacy${toLetters(n)}`,
    mother_date_of_birth: '1975-05-12',
    mother_id_type: 'NONE',
    mother_national_id: '',
    mother_residence: 'Ibombo',
    mother_village: 'Klow',
    father_unknown: 'yes',
    father_first_name: '',
    father_surname: '',
    father_date_of_birth: '',
    ...over,
  };
}

/** Names take letters only: a row number as letters (1 -> "b", 26 -> "ba"). */
export function toLetters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function birthCsv(rows: BirthRow[]): string {
  return stringify([[...BIRTH_COLUMNS], ...rows.map((r) => BIRTH_COLUMNS.map((c) => r[c] ?? ''))]);
}

/** Write a file into a fresh temporary folder; returns its path. */
export function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-import-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
