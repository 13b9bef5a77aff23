import {
  type FhirPersonMapping,
  formFields,
  todayIn,
  type FhirObservationMapping,
  type FieldConfig,
  type JsonObject,
} from '@lifeline/domain';
import type { EventMapping, FhirContext } from '../context.ts';
import { errorIssue, type Issue } from '../outcome.ts';
import { EXTENSIONS, localUris, SYSTEMS } from '../systems.ts';
import { arr, obj, str, type Entry, type Json } from './bundle.ts';

/** The declaration being built from a notification, with the FHIRPath each answer came from. */
export class Collected {
  readonly values: JsonObject = {};
  readonly origins = new Map<string, string>();
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];

  set(field: string, value: unknown, path: string) {
    this.values[field] = value;
    this.origins.set(field, path);
  }
  error(code: Issue['code'], diagnostics: string, path: string) {
    this.issues.push(errorIssue(code, diagnostics, path));
  }
  warn(diagnostics: string, path: string) {
    this.warnings.push({ severity: 'warning', code: 'informational', diagnostics, expression: path });
  }
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A FHIR date or dateTime as the calendar date the form needs (dateTimes read in the country's time zone). */
function calendarDate(ctx: FhirContext, value: unknown, path: string, into: Collected): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  if (FULL_DATE.test(text)) return text;
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : null;
  if (instant && !Number.isNaN(instant.getTime())) return todayIn(ctx.settings.timeZone, instant);
  into.error('value', `"${text}" cannot be mapped: the form needs a full date (YYYY-MM-DD)`, path);
  return undefined;
}

export function fieldsOf(em: EventMapping): Map<string, FieldConfig> {
  return new Map(formFields(em.event).map(({ field }) => [field.id, field]));
}

const optionValues = (field: FieldConfig | undefined) =>
  field && 'options' in field ? field.options.map((o) => o.value) : [];

/** The select option a coding stands for: a standard code of the mapping, or the option's own local code. */
function optionOf(
  ctx: FhirContext,
  em: EventMapping,
  field: FieldConfig,
  codes: Record<string, { system: string; code: string }> | undefined,
  concept: unknown,
): string | undefined {
  const local = localUris(ctx.mapping.baseUri).field(em.event.id, field.id);
  for (const c of arr(obj(concept)?.coding)) {
    const system = obj(c)?.system;
    const code = obj(c)?.code;
    const standard = Object.entries(codes ?? {}).find(([, v]) => v.system === system && v.code === code);
    if (standard) return standard[0];
    if (system === local && typeof code === 'string' && optionValues(field).includes(code)) return code;
  }
  return undefined;
}

function readName(value: unknown, path: string, field: string, into: Collected) {
  const names = arr(value)
    .map(obj)
    .filter((n): n is Json => !!n);
  const name = names.find((n) => n.use === 'official') ?? names[0];
  if (!name) return;
  const given = arr(name.given)
    .map(str)
    .filter((g): g is string => !!g);
  const family = str(name.family);
  if (!given.length && !family) return;
  const at = `${path}.name[${names.indexOf(name)}]`;
  into.set(
    field,
    {
      ...(given[0] ? { firstname: given[0] } : {}),
      ...(given.length > 1 ? { middlename: given.slice(1).join(' ') } : {}),
      ...(family ? { surname: family } : {}),
    },
    at,
  );
}

function readGender(
  m: FhirPersonMapping,
  field: FieldConfig | undefined,
  value: unknown,
  path: string,
  into: Collected,
) {
  const gender = str(value);
  if (!gender || !m.gender || !field) return;
  const fromCodes = Object.entries(m.gender.codes ?? {}).find(([, g]) => g === gender)?.[0];
  const option = fromCodes ?? (optionValues(field).includes(gender) ? gender : undefined);
  if (!option)
    into.error('code-invalid', `gender "${gender}" cannot be mapped: the form has no such option`, `${path}.gender`);
  else into.set(m.gender.field, option, `${path}.gender`);
}

function readIdentifiers(ctx: FhirContext, m: FhirPersonMapping, value: unknown, path: string, into: Collected) {
  const ids = arr(value);
  let typed = false;
  for (const mapping of m.identifiers) {
    const system = mapping.system ?? ctx.settings.nationalIdSystem;
    const i = ids.findIndex((id) => obj(id)?.system === system && !!str(obj(id)?.value));
    if (i < 0 || !system) continue;
    // The form holds one ID per person: the first of the mapping's order wins.
    if (typed && mapping.idType) {
      into.warn('not used: the form keeps one identity document per person', `${path}.identifier[${i}]`);
      continue;
    }
    into.set(mapping.field, str(obj(ids[i])?.value), `${path}.identifier[${i}].value`);
    if (mapping.idType) {
      into.set(mapping.idType.field, mapping.idType.value, `${path}.identifier[${i}].system`);
      typed = true;
    }
  }
}

function readNationality(ctx: FhirContext, field: string, resource: Json, path: string, into: Collected) {
  const extensions = arr(resource.extension).map(obj);
  let i = extensions.findIndex((e) => e?.url === EXTENSIONS.patientNationality);
  let concept =
    i >= 0
      ? arr(extensions[i]?.extension)
          .map(obj)
          .find((e) => e?.url === 'code')?.valueCodeableConcept
      : undefined;
  if (i < 0) {
    i = extensions.findIndex((e) => e?.url === localUris(ctx.mapping.baseUri).nationality);
    concept = extensions[i]?.valueCodeableConcept;
  }
  if (i < 0) return;
  const code = arr(obj(concept)?.coding)
    .map(obj)
    .find((c) => c?.system === SYSTEMS.iso3166)?.code;
  if (typeof code === 'string' && /^[A-Z]{3}$/.test(code)) into.set(field, code, `${path}.extension[${i}]`);
  else
    into.error(
      'code-invalid',
      'nationality needs an ISO 3166 alpha-3 code (urn:iso:std:iso:3166)',
      `${path}.extension[${i}]`,
    );
}

function readTelecom(m: FhirPersonMapping, value: unknown, path: string, into: Collected) {
  arr(value).forEach((t, i) => {
    const system = obj(t)?.system;
    const field = system === 'phone' ? m.phone : system === 'email' ? m.email : undefined;
    const text = str(obj(t)?.value);
    if (field && text && !(field in into.values)) into.set(field, text, `${path}.telecom[${i}].value`);
  });
}

/** A person resource's answers: name, sex, dates, identifiers, nationality and contact. Addresses are not read. */
export function readPerson(ctx: FhirContext, em: EventMapping, m: FhirPersonMapping, entry: Entry, into: Collected) {
  const fields = fieldsOf(em);
  const r = entry.resource;
  const path = entry.path;
  if (m.name) readName(r.name, path, m.name, into);
  readGender(m, m.gender ? fields.get(m.gender.field) : undefined, r.gender, path, into);
  if (m.birthDate && r.birthDate !== undefined) {
    const date = calendarDate(ctx, r.birthDate, `${path}.birthDate`, into);
    if (date) into.set(m.birthDate, date, `${path}.birthDate`);
  }
  if (m.deceasedDate && r.deceasedDateTime !== undefined) {
    const date = calendarDate(ctx, r.deceasedDateTime, `${path}.deceasedDateTime`, into);
    if (date) into.set(m.deceasedDate, date, `${path}.deceasedDateTime`);
  }
  readIdentifiers(ctx, m, r.identifier, path, into);
  const coded = (field: string, codes: Parameters<typeof optionOf>[3], concept: unknown, at: string) => {
    const config = fields.get(field);
    const option = config ? optionOf(ctx, em, config, codes, concept) : undefined;
    if (option) into.set(field, option, at);
    else into.error('code-invalid', `no coding matches an option of ${field}`, at);
  };
  if (m.maritalStatus && r.maritalStatus !== undefined) {
    coded(m.maritalStatus.field, m.maritalStatus.codes, r.maritalStatus, `${path}.maritalStatus`);
  }
  const relation = m.relationship && 'field' in m.relationship ? m.relationship : undefined;
  if (relation && arr(r.relationship).length) {
    coded(relation.field, relation.codes, arr(r.relationship)[0], `${path}.relationship[0]`);
  }
  if (m.nationality) readNationality(ctx, m.nationality, r, path, into);
  readTelecom(m, r.telecom, path, into);
}

/** Multipliers from a unit received to the unit the form keeps (e.g. a birth weight in grams, kept in kg). */
const UNIT_SCALE: Record<string, Record<string, number>> = { kg: { g: 0.001, kg: 1 }, a: { a: 1 } };

type Part = Pick<FhirObservationMapping, 'field' | 'unit' | 'codes' | 'units'>;

/** An observation's (or component's) value[x] as the form field's answer, by the field's type. */
export function readObservationValue(
  ctx: FhirContext,
  em: EventMapping,
  part: Part,
  source: Json,
  path: string,
  into: Collected,
) {
  const field = fieldsOf(em).get(part.field);
  if (!field) return;
  const key = Object.keys(source).find((k) => k.startsWith('value'));
  if (!key) return;
  const at = `${path}.${key}`;
  const value = source[key];
  const fail = (why: string) => into.error('value', `${key} cannot be mapped to ${field.id}: ${why}`, at);
  const quantity = obj(value);
  switch (field.type) {
    case 'NUMBER':
    case 'AGE': {
      if (typeof value === 'number') return into.set(field.id, value, at);
      const number = quantity?.value;
      if (typeof number !== 'number') return fail('a number is needed');
      const unit = part.unit ?? (field.type === 'AGE' ? 'a' : undefined);
      const sent = str(quantity?.code) ?? str(quantity?.unit);
      if (!unit || !sent) return into.set(field.id, number, at);
      const scale = UNIT_SCALE[unit]?.[sent] ?? (sent === unit ? 1 : undefined);
      if (scale === undefined) return fail(`the unit must be ${unit} (UCUM)`);
      return into.set(field.id, Math.round(number * scale * 1e6) / 1e6, at);
    }
    case 'NUMBER_WITH_UNIT': {
      const unit = Object.entries(part.units ?? {}).find(([, ucum]) => ucum === quantity?.code)?.[0];
      if (typeof quantity?.value !== 'number' || !unit) return fail('a quantity with a known UCUM unit is needed');
      return into.set(field.id, { numericValue: quantity.value, unit }, at);
    }
    case 'SELECT':
    case 'RADIO_GROUP': {
      const option = optionOf(ctx, em, field, part.codes, value);
      return option ? into.set(field.id, option, at) : fail('no coding matches an option of the form');
    }
    case 'CHECKBOX':
      return typeof value === 'boolean' ? into.set(field.id, value, at) : fail('a boolean is needed');
    case 'DATE': {
      const date = calendarDate(ctx, value, at, into);
      return date ? into.set(field.id, date, at) : undefined;
    }
    case 'TIME':
      return typeof value === 'string' ? into.set(field.id, value.slice(0, 5), at) : fail('a time is needed');
    default: {
      const text = str(value) ?? str(obj(value)?.text);
      return text ? into.set(field.id, text, at) : fail('a string is needed');
    }
  }
}
