import { formFields, type EventConfig, type FieldConfig, type ImportEventMap, type JsonObject } from '@lifeline/domain';
import type { Country } from '../../country.ts';

/** The original registration a legacy row records. `date` is a calendar date. */
export interface Registration {
  number: string;
  date: string;
  office: string;
  registrar: string | null;
}

/** A row read from a file: its declaration and original registration, or why it could not be read. */
export type SourceRow =
  | { row: number; ok: true; declaration: JsonObject; registration: Registration }
  | { row: number; ok: false; registrationNumber: string | null; reasons: string[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DMY_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const TRUE = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/** A calendar date from YYYY-MM-DD or DD/MM/YYYY (the two ways legacy registers write them); null otherwise. */
export function calendarDateOf(text: string): string | null {
  if (ISO_DATE.test(text)) return text;
  const dmy = DMY_DATE.exec(text);
  if (!dmy) return null;
  return `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}`;
}

/** Location ids by lower-case name (per location type), built once per country. */
const byName = new WeakMap<Country, Map<string, string>>();
export function locationIdOf(country: Country, text: string, type?: string): string | null {
  if (country.locations.get(text)) return text;
  let names = byName.get(country);
  if (!names) {
    names = new Map();
    for (const l of country.locations.all()) {
      const key = l.name.trim().toLowerCase();
      if (!names.has(`${l.type}:${key}`)) names.set(`${l.type}:${key}`, l.id);
      if (!names.has(`*:${key}`)) names.set(`*:${key}`, l.id);
    }
    byName.set(country, names);
  }
  return names.get(`${type ?? '*'}:${text.trim().toLowerCase()}`) ?? null;
}

/** "Chanda Grace Mulenga" as a NAME: the first word, the last word, the words between. */
function splitName(text: string): JsonObject {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 1) return { surname: words[0] };
  const name: JsonObject = { firstname: words[0], surname: words[words.length - 1] };
  if (words.length > 2) name.middlename = words.slice(1, -1).join(' ');
  return name;
}

/** One field's value from its column(s), converted by the field's type; undefined when blank. */
function fieldValue(
  country: Country,
  field: FieldConfig,
  spec: string | Record<string, string>,
  cell: (column: string) => string,
  codes: Record<string, string> | undefined,
  problems: string[],
): unknown {
  if (typeof spec !== 'string') {
    const parts: JsonObject = {};
    for (const [part, column] of Object.entries(spec)) {
      let v: unknown = cell(column);
      if (v === '') continue;
      if (field.type === 'ADDRESS' && part === 'administrativeArea') {
        v = locationIdOf(country, v as string, 'ADMIN_AREA') ?? v;
      }
      if (field.type === 'NUMBER_WITH_UNIT' && part === 'numericValue') v = Number(v);
      parts[part] = v;
    }
    if (!Object.keys(parts).length) return undefined;
    if (field.type === 'ADDRESS') {
      return { country: country.config.settings.countryCode, addressType: 'DOMESTIC', ...parts };
    }
    return parts;
  }
  const raw = cell(spec);
  if (raw === '') return undefined;
  const text = codes?.[raw] ?? raw;
  switch (field.type) {
    case 'NAME':
      return splitName(text);
    case 'DATE': {
      const date = calendarDateOf(text);
      if (!date) problems.push(`${field.id}: "${raw}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
      return date ?? undefined;
    }
    case 'NUMBER':
    case 'AGE': {
      const n = Number(text);
      if (!Number.isFinite(n)) problems.push(`${field.id}: "${raw}" is not a number`);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'CHECKBOX': {
      const key = text.toLowerCase();
      if (TRUE.has(key)) return true;
      if (FALSE.has(key)) return false;
      problems.push(`${field.id}: "${raw}" is neither yes nor no`);
      return undefined;
    }
    case 'LOCATION':
      return locationIdOf(country, text, field.locationType) ?? text;
    default:
      return text;
  }
}

/** Fields of an event by id, once per config. */
const fieldsOf = new WeakMap<EventConfig, Map<string, FieldConfig>>();
function fieldMap(config: EventConfig): Map<string, FieldConfig> {
  let map = fieldsOf.get(config);
  if (!map) {
    map = new Map(formFields(config).map(({ field }) => [field.id, field]));
    fieldsOf.set(config, map);
  }
  return map;
}

/**
 * A CSV row (by header) as a declaration and its original registration, by the country's import map. Only the
 * shape is checked here (dates, numbers, the registration's own columns); the form rules come after.
 */
export function mapCsvRow(
  country: Country,
  config: EventConfig,
  map: ImportEventMap,
  row: number,
  values: Record<string, string | undefined>,
): SourceRow {
  const cell = (column: string) => (values[column] ?? '').trim();
  const problems: string[] = [];
  const number = cell(map.registration.number);
  if (!number) problems.push(`${map.registration.number}: the registration number is missing`);
  const dateText = cell(map.registration.date);
  const date = dateText ? calendarDateOf(dateText) : null;
  if (!date) problems.push(`${map.registration.date}: "${dateText}" is not a registration date (YYYY-MM-DD)`);
  const declaration: JsonObject = { ...map.defaults };
  const fields = fieldMap(config);
  for (const [id, spec] of Object.entries(map.fields)) {
    const value = fieldValue(country, fields.get(id)!, spec, cell, map.values[id], problems);
    if (value !== undefined) declaration[id] = value;
  }
  if (problems.length || !date) return { row, ok: false, registrationNumber: number || null, reasons: problems };
  return {
    row,
    ok: true,
    declaration,
    registration: {
      number,
      date,
      office: cell(map.registration.office),
      registrar: map.registration.registrar ? cell(map.registration.registrar) || null : null,
    },
  };
}
