import { declarationFacts, qualityIssues, type Action, type EventConfig, type EventState } from '@lifeline/domain';
import { sql } from 'kysely';
import type { Country } from '../../country.ts';
import { calendarDate, registrationTimeliness } from '../certificates/index.ts';
import type { IndexWrite } from '../events/repository.ts';
import { AREA_LEVELS, type FactsWrite } from './tables.ts';

const DAY_MS = 86_400_000;

/** The administrative areas a place lies in, by level (index 0 = level 1). */
function areasOf(country: Country, placeId: string | null): Array<string | null> {
  const areas: Array<string | null> = Array.from({ length: AREA_LEVELS }, () => null);
  if (!placeId) return areas;
  for (const id of country.locations.path(placeId)) {
    const location = country.locations.get(id);
    if (location?.type !== 'ADMIN_AREA' || !location.level) continue;
    areas[Math.min(location.level, AREA_LEVELS) - 1] = id;
  }
  return areas;
}

/** Who registered the record, when one of these actions registered it. */
export function registrarOf(actions: readonly Action[]): string | null {
  return actions.findLast((a) => a.type === 'REGISTER' && a.status === 'Accepted')?.createdBy ?? null;
}

/**
 * The registration_facts row of a record, from its projection row and state: null while it is not registered
 * (it then has no row). `registeredBy` is known when the actions at hand include the REGISTER; otherwise the
 * row's earlier value is kept (see factsUpsert).
 */
export function toFactsRow(
  country: Country,
  config: EventConfig,
  index: IndexWrite,
  state: EventState,
  registeredBy: string | null,
): FactsWrite | null {
  const stats = country.config.vitalStatistics?.events[config.id];
  if (!stats || state.status !== 'REGISTERED' || !state.registeredAt) return null;
  const eventDate = index.date_of_event ?? null;
  const registeredOn = calendarDate(country, state.registeredAt);
  const declaredOn = state.declaredAt ? calendarDate(country, state.declaredAt) : null;
  const facts = declarationFacts(stats, state.declaration, eventDate);
  const [area1, area2, area3, area4] = areasOf(country, index.place_of_event ?? null);
  const declarationMs = state.declaredAt ? Date.parse(state.registeredAt) - Date.parse(state.declaredAt) : null;
  return {
    event_id: index.event_id,
    event_type: config.id,
    registered_on: registeredOn,
    event_date: eventDate,
    area1,
    area2,
    area3,
    area4,
    office_id: state.registeredAtLocation,
    registrar_id: registeredBy,
    sex: facts.sex,
    timeliness: registrationTimeliness(country, config, state),
    place_type: facts.placeType,
    age_group: facts.ageGroup,
    mother_age_group: facts.motherAgeGroup,
    subject_age: facts.subjectAge,
    mother_age: facts.motherAge,
    birth_weight: facts.birthWeightKg,
    cause_chapter: facts.causeChapter,
    days_to_register: eventDate ? Math.round((Date.parse(registeredOn) - Date.parse(eventDate)) / DAY_MS) : null,
    declaration_days: declarationMs === null ? null : Math.round((declarationMs / DAY_MS) * 1000) / 1000,
    quality: qualityIssues(stats, facts, { eventDate, registeredOn, declaredOn }),
    revoked: state.flags.includes('revoked'),
  };
}

/** The statistics row's columns, in one place for the write statement's constant text. */
const FACTS_COLUMNS = [
  'event_id',
  'event_type',
  'registered_on',
  'event_date',
  'area1',
  'area2',
  'area3',
  'area4',
  'office_id',
  'registrar_id',
  'sex',
  'timeliness',
  'place_type',
  'age_group',
  'mother_age_group',
  'subject_age',
  'mother_age',
  'birth_weight',
  'cause_chapter',
  'days_to_register',
  'declaration_days',
  'quality',
  'revoked',
] as const satisfies ReadonlyArray<keyof FactsWrite>;
const FACTS_UPDATED = FACTS_COLUMNS.filter((c) => c !== 'event_id' && c !== 'registrar_id');

/**
 * The facts upsert, for the record's write statement, of constant text (the row, or null for none, is one jsonb
 * parameter). A write that does not change the row (assign, print...) updates nothing; the registrar of an
 * earlier REGISTER is kept when this write does not name one.
 */
export function factsUpsert(row: FactsWrite | null) {
  const all = sql.raw(FACTS_COLUMNS.join(', '));
  const mine = sql.raw(FACTS_UPDATED.map((c) => `registration_facts.${c}`).join(', '));
  const theirs = sql.raw(FACTS_UPDATED.map((c) => `EXCLUDED.${c}`).join(', '));
  const updated = sql.raw(FACTS_UPDATED.join(', '));
  const json = row ? JSON.stringify(row) : null;
  return sql`INSERT INTO registration_facts (${all})
    SELECT ${all} FROM jsonb_populate_record(NULL::registration_facts, ${json}::jsonb) WHERE ${json}::jsonb IS NOT NULL
    ON CONFLICT (event_id) DO UPDATE SET (${updated}) = ROW(${theirs}),
      registrar_id = COALESCE(EXCLUDED.registrar_id, registration_facts.registrar_id)
    WHERE ROW(${mine}) IS DISTINCT FROM ROW(${theirs})
       OR (EXCLUDED.registrar_id IS NOT NULL AND EXCLUDED.registrar_id IS DISTINCT FROM registration_facts.registrar_id)`;
}
