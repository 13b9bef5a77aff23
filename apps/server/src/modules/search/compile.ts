import {
  nameWords,
  nameWordToken,
  normalizeName,
  SearchClause,
  TIME_PERIODS,
  type DateMatch,
  type FieldMatch,
  type FlagTerm,
  type LocationMatch,
  type SearchQuery,
} from '@lifeline/domain';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { badRequest } from '../../lib/errors.ts';
import type { Expansions } from './expand.ts';

type EB = ExpressionBuilder<Database, 'event_index'>;
type Bool = Expression<SqlBool>;

/** Minimum word similarity (pg_trgm) for a fuzzy match on a field that is not a name. */
export const FUZZY_THRESHOLD = 0.45;

export interface Compiled {
  where: Bool;
  /** Relevance of fuzzy clauses (sum of similarities); absent when the query has none. */
  score: Expression<number> | null;
}

/** Values a workqueue query may refer to, filled in per user. */
export interface QueryVariables {
  userId: string;
  officeId: string;
}

const TRACKING_ID = /^[A-Z][2-9A-Z]{7}$/;

const nameFieldsCache = new WeakMap<ReadonlyMap<string, string>, string[]>();

/** The NAME fields among the known ones, once per field map (the service keeps one per country). */
function nameFieldsOf(knownFields: ReadonlyMap<string, string>): string[] {
  let fields = nameFieldsCache.get(knownFields);
  if (!fields) {
    fields = [...knownFields].filter(([, type]) => type === 'NAME').map(([id]) => id);
    nameFieldsCache.set(knownFields, fields);
  }
  return fields;
}

/** Translate a search query into SQL over event_index. Unknown fields or bad values are 400s. */
export function compileQuery(
  eb: EB,
  query: SearchQuery,
  vars: QueryVariables,
  knownFields: ReadonlyMap<string, string>,
  expansions: Expansions,
): Compiled {
  const scores: Expression<number>[] = [];
  const nameFields = nameFieldsOf(knownFields);
  const where = compileNode(eb, query, { vars, knownFields, nameFields, expansions, scores });
  return { where, score: scores.length ? scores.reduce((a, b) => sql<number>`(${a} + ${b})`) : null };
}

interface State {
  vars: QueryVariables;
  /** Form field id -> field type (NAME, ID, DATE...). */
  knownFields: ReadonlyMap<string, string>;
  /** Every NAME field of any form: where `name` and quick searches look. */
  nameFields: string[];
  expansions: Expansions;
  scores: Expression<number>[];
}

/** Every fuzzy name term of a query (quick, `name`, and fuzzy NAME fields): their words are expanded first. */
export function fuzzyNameTerms(node: unknown, knownFields: ReadonlyMap<string, string>): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  if (n.type === 'quick' && typeof n.term === 'string') return [n.term];
  if ((n.type === 'and' || n.type === 'or') && Array.isArray(n.clauses)) {
    return n.clauses.flatMap((c) => fuzzyNameTerms(c, knownFields));
  }
  const terms: string[] = [];
  const name = n.name as { term?: unknown } | undefined;
  if (typeof name?.term === 'string') terms.push(name.term);
  for (const [field, m] of Object.entries((n.data as Record<string, FieldMatch> | undefined) ?? {})) {
    if (m?.type === 'fuzzy' && knownFields.get(field) === 'NAME') terms.push(m.term);
  }
  return terms;
}

function compileNode(eb: EB, node: SearchQuery | SearchClause, state: State): Bool {
  if ('type' in node && node.type === 'quick') return quick(eb, node.term, state);
  if ('type' in node && (node.type === 'and' || node.type === 'or')) {
    const parts = node.clauses.map((c) => compileNode(eb, c as SearchQuery | SearchClause, state));
    return node.type === 'and' ? eb.and(parts) : eb.or(parts);
  }
  return clause(eb, node as SearchClause, state);
}

function fill(term: string, vars: QueryVariables): string {
  return term.replaceAll('$user.id', vars.userId).replaceAll('$user.office', vars.officeId);
}

function quick(eb: EB, term: string, state: State): Bool {
  const upper = term.trim().toUpperCase();
  const name = normalizeName(term);
  const similarity = sql<number>`word_similarity(${name}, names)`;
  state.scores.push(sql<number>`CASE WHEN names <> '' THEN ${similarity} ELSE 0 END`);
  const parts: Bool[] = [eb('registration_number', '=', upper), eb(sql`ids`, '@>', sql`ARRAY[${upper}]::text[]`)];
  if (TRACKING_ID.test(upper)) parts.push(eb('tracking_id', '=', upper));
  if (name.length >= 2) parts.push(nameWordsMatch(eb, state.nameFields, term, state));
  return eb.or(parts);
}

type Column = Expression<unknown>;
const ref = (column: string): Column => sql.ref(column);
/** A fact of a legal status, from the projection's legal_statuses (see domain legal-statuses.ts). */
const legal = (status: 'DECLARED' | 'REGISTERED', fact: string): Column =>
  sql`(legal_statuses #>> ${`{${status},${fact}}`})`;

/** Location keys: the column, and its materialised path when the projection keeps one (faster `within`). */
const LOCATIONS: Record<string, () => [Column, string | null]> = {
  placeOfEvent: () => [ref('place_of_event'), 'place_of_event_path'],
  createdAtLocation: () => [ref('created_at_location'), 'created_at_location_path'],
  declaredIn: () => [ref('created_at_location'), 'created_at_location_path'],
  registeredAtLocation: () => [ref('registered_at_location'), null],
  updatedAtLocation: () => [ref('updated_at_location'), null],
  'legalStatuses.REGISTERED.createdAtLocation': () => [ref('registered_at_location'), null],
  'legalStatuses.DECLARED.createdAtLocation': () => [legal('DECLARED', 'createdAtLocation'), null],
};

/** Date keys: the column (a calendar date for dateOfEvent, instants for the others). */
const DATES: Record<string, () => Column> = {
  dateOfEvent: () => ref('date_of_event'),
  createdAt: () => ref('created_at'),
  updatedAt: () => ref('updated_at'),
  registeredAt: () => ref('registered_at'),
  'legalStatuses.REGISTERED.acceptedAt': () => ref('registered_at'),
  'legalStatuses.REGISTERED.createdAt': () => sql`${legal('REGISTERED', 'createdAt')}::timestamptz`,
  'legalStatuses.DECLARED.acceptedAt': () => sql`${legal('DECLARED', 'acceptedAt')}::timestamptz`,
  'legalStatuses.DECLARED.createdAt': () => sql`${legal('DECLARED', 'createdAt')}::timestamptz`,
};

/** Keys matched as text (`exact` or `anyOf`); `upper` for identifiers stored in capitals. */
const TEXTS: Record<string, { column: () => Column; upper?: boolean; user?: boolean }> = {
  id: { column: () => ref('event_id') },
  trackingId: { column: () => ref('tracking_id'), upper: true },
  registrationNumber: { column: () => ref('registration_number'), upper: true },
  'legalStatuses.REGISTERED.registrationNumber': { column: () => ref('registration_number'), upper: true },
  status: { column: () => ref('status') },
  assignedTo: { column: () => ref('assigned_to'), user: true },
  createdBy: { column: () => ref('created_by'), user: true },
  createdByUserType: { column: () => ref('created_by_user_type') },
  updatedBy: { column: () => ref('updated_by'), user: true },
  updatedByUserRole: { column: () => ref('updated_by_role') },
  'legalStatuses.DECLARED.createdBy': { column: () => legal('DECLARED', 'createdBy'), user: true },
  'legalStatuses.DECLARED.createdByRole': { column: () => legal('DECLARED', 'createdByRole') },
  'legalStatuses.DECLARED.createdByUserType': { column: () => legal('DECLARED', 'createdByUserType') },
  'legalStatuses.REGISTERED.createdBy': { column: () => legal('REGISTERED', 'createdBy'), user: true },
  'legalStatuses.REGISTERED.createdByRole': { column: () => legal('REGISTERED', 'createdByRole') },
  'legalStatuses.REGISTERED.createdByUserType': { column: () => legal('REGISTERED', 'createdByUserType') },
};

const equals = (column: Column, value: string): Bool => sql<SqlBool>`${column} = ${value}`;
const isAnyOf = (column: Column, values: string[]): Bool => sql<SqlBool>`${column} IN (${sql.join(values)})`;

type TextMatch = { type: 'exact'; term: string } | { type: 'anyOf'; terms: string[] };

function clause(eb: EB, c: SearchClause, state: State): Bool {
  const parts: Bool[] = [];
  const { vars } = state;
  const values = c as Record<string, unknown>;
  for (const [key, { column, upper, user }] of Object.entries(TEXTS)) {
    let m = values[key] as string | TextMatch | undefined;
    if (!m) continue;
    // `id` may be a plain string (the reference's form).
    if (typeof m === 'string') m = { type: 'exact', term: m };
    const clean = (t: string) => (upper ? t.trim().toUpperCase() : user ? fill(t, vars) : t);
    parts.push(m.type === 'exact' ? equals(column(), clean(m.term)) : isAnyOf(column(), m.terms.map(clean)));
  }
  if (c.eventType) {
    parts.push(
      typeof c.eventType === 'string'
        ? eb('type', '=', c.eventType)
        : c.eventType.type === 'exact'
          ? eb('type', '=', c.eventType.term)
          : eb('type', 'in', c.eventType.terms),
    );
  }
  if (c.flags) parts.push(flagsMatch(c.flags));
  for (const [key, column] of Object.entries(DATES)) {
    const m = values[key] as DateMatch | undefined;
    if (m) parts.push(...dateMatch(key, column(), m, key === 'dateOfEvent' ? 'date' : 'timestamptz'));
  }
  for (const [key, location] of Object.entries(LOCATIONS)) {
    const m = values[key] as LocationMatch | null | undefined;
    if (!m) continue;
    const [column, path] = location();
    if (m.type === 'exact') parts.push(equals(column, fill(m.term, vars)));
    else if (m.type === 'anyOf')
      parts.push(
        isAnyOf(
          column,
          m.terms.map((t) => fill(t, vars)),
        ),
      );
    else parts.push(within(column, path, fill(m.location, vars)));
  }
  if (c.name) {
    state.scores.push(sql<number>`word_similarity(${normalizeName(c.name.term)}, names)`);
    parts.push(nameWordsMatch(eb, state.nameFields, c.name.term, state));
  }
  for (const [field, m] of Object.entries(c.data ?? {})) {
    if (!state.knownFields.has(field)) {
      throw badRequest(`unknown field "${field}"`, [
        { field: `query.data.${field}`, message: 'no form has this field' },
      ]);
    }
    parts.push(dataMatch(eb, field, m, state));
  }
  // A clause of only nulls (the reference's "anywhere") matches every record.
  if (!parts.length && Object.values(values).some((v) => v === null)) return sql<SqlBool>`TRUE`;
  if (!parts.length)
    throw badRequest('an empty clause matches nothing useful', [{ field: 'query', message: 'empty clause' }]);
  return eb.and(parts);
}

/**
 * Flags, in either form: Lifeline's `{type: exact|anyOf|noneOf}` or the reference's `{anyOf, noneOf, allOf}`.
 * `incomplete` is the reference's flag of a notified record: here that is the NOTIFIED status.
 */
function flagsMatch(flags: NonNullable<SearchClause['flags']>): Bool {
  const condition =
    'type' in flags
      ? flags.type === 'exact'
        ? { anyOf: [flags.term] }
        : flags.type === 'anyOf'
          ? { anyOf: flags.terms }
          : { noneOf: flags.terms }
      : flags;
  const has = (terms: readonly FlagTerm[], all: boolean): Bool => {
    const real = terms.filter((t) => t !== 'incomplete');
    const array = sql`ARRAY[${sql.join(real.length ? real : [''])}]::text[]`;
    const parts: Bool[] = [];
    if (real.length) parts.push(all ? sql<SqlBool>`flags @> ${array}` : sql<SqlBool>`flags && ${array}`);
    if (terms.includes('incomplete')) parts.push(sql<SqlBool>`status = 'NOTIFIED'`);
    return sql<SqlBool>`(${sql.join(parts, all ? sql` AND ` : sql` OR `)})`;
  };
  const parts: Bool[] = [];
  if (condition.anyOf) parts.push(has(condition.anyOf, false));
  if (condition.allOf) parts.push(has(condition.allOf, true));
  if (condition.noneOf) parts.push(sql<SqlBool>`NOT ${has(condition.noneOf, false)}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/** A date condition on a column: a day, a range (a day as upper bound includes it) or a period up to now. */
function dateMatch(key: string, column: Column, m: DateMatch, cast: 'date' | 'timestamptz'): Bool[] {
  if (m.type === 'exact') {
    return [
      cast === 'date'
        ? sql<SqlBool>`${column} = ${checkDate(key, m.term)}::date`
        : sql<SqlBool>`${column}::date = ${checkDate(key, m.term)}::date`,
    ];
  }
  if (m.type === 'timePeriod') {
    const days = TIME_PERIODS[m.term];
    return [
      cast === 'date'
        ? sql<SqlBool>`${column} >= current_date - ${days}::int`
        : sql<SqlBool>`${column} >= now() - make_interval(days => ${days}::int)`,
    ];
  }
  const parts: Bool[] = [];
  if (m.gte) parts.push(sql<SqlBool>`${column} >= ${checkDate(key, m.gte)}::${sql.raw(cast)}`);
  if (m.lte) parts.push(lteDate(column, checkDate(key, m.lte), cast));
  return parts;
}

function checkDate(field: string, text: string): string {
  if (Number.isNaN(Date.parse(text))) {
    throw badRequest(`"${text}" is not a date`, [
      { field: `query.${field}`, message: 'use YYYY-MM-DD or an ISO date-time' },
    ]);
  }
  return text;
}

/** An upper bound given as a day includes that whole day. */
function lteDate(column: Column, value: string, cast: string): Bool {
  if (cast === 'timestamptz' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return sql<SqlBool>`${column} < (${value}::date + 1)`;
  }
  return sql<SqlBool>`${column} <= ${value}::${sql.raw(cast)}`;
}

function within(column: Column, path: string | null, location: string): Bool {
  const pattern = `%/${location.replace(/[\\%_]/g, (ch) => `\\${ch}`)}/%`;
  if (path) return sql<SqlBool>`${sql.ref(path)} LIKE ${pattern}`;
  return sql<SqlBool>`${column} IN (SELECT id FROM locations WHERE path LIKE ${pattern})`;
}

/**
 * A fuzzy name: some name field among `fields` holds, for every searched word, one of the words the lexicon
 * expanded it to (name_words, GIN-indexed). A searched word nothing resembles is left out rather than failing the
 * search, unless no word is left.
 */
function nameWordsMatch(eb: EB, fields: readonly string[], term: string, state: State): Bool {
  const words = nameWords(term).filter((w) => state.expansions.get(w)?.length);
  if (!words.length) return sql<SqlBool>`FALSE`;
  return eb.or(
    fields.map((field) =>
      eb.and(
        words.map((w) => {
          const tokens = state.expansions.get(w)!.map((e) => nameWordToken(field, e));
          return sql<SqlBool>`name_words && ${tokens}::text[]`;
        }),
      ),
    ),
  );
}

function dataMatch(eb: EB, field: string, m: FieldMatch, state: State): Bool {
  const text = sql<string>`declaration->>${field}`;
  switch (m.type) {
    case 'exact': {
      const term = fill(m.term, state.vars);
      const type = state.knownFields.get(field);
      // A name matches when it holds every word searched for, exactly (the reference matches names by word).
      if (type === 'NAME') {
        const words = nameWords(term);
        if (!words.length) return sql<SqlBool>`FALSE`;
        return sql<SqlBool>`name_words @> ${words.map((w) => nameWordToken(field, w))}::text[]`;
      }
      if (type === 'ADDRESS') return addressMatch(field, term);
      if (type !== 'ID') return sql<SqlBool>`${text} = ${term}`;
      // Identity numbers are also in `ids` (GIN-indexed): find the rows there, then check the field.
      return sql<SqlBool>`ids @> ARRAY[${term.trim().toUpperCase()}]::text[] AND upper(${text}) = ${term.trim().toUpperCase()}`;
    }
    case 'anyOf':
      return sql<SqlBool>`${text} IN (${sql.join(m.terms)})`;
    case 'range': {
      const parts: Bool[] = [];
      if (m.gte) parts.push(sql<SqlBool>`${text} >= ${m.gte}`);
      if (m.lte) parts.push(sql<SqlBool>`${text} <= ${m.lte}`);
      return eb.and(parts);
    }
    case 'within': {
      const value = sql`coalesce(declaration->${field}->>'administrativeArea', ${text})`;
      return within(value, null, fill(m.location, state.vars));
    }
    case 'fuzzy': {
      const name = normalizeName(m.term);
      if (state.knownFields.get(field) === 'NAME') {
        const full = sql<string>`lower(unaccent(concat_ws(' ', declaration->${field}->>'firstname',
          declaration->${field}->>'middlename', declaration->${field}->>'surname')))`;
        state.scores.push(sql<number>`word_similarity(${name}, ${full})`);
        return nameWordsMatch(eb, [field], m.term, state);
      }
      // Other text: trigram similarity, unindexed (fuzzy search is for names).
      const similarity = sql<number>`word_similarity(${name}, lower(unaccent(coalesce(${text}, ''))))`;
      state.scores.push(similarity);
      return sql<SqlBool>`${similarity} >= ${FUZZY_THRESHOLD}`;
    }
  }
}

/**
 * An address searched as the reference does: the term is the address as JSON text, and the record's address must
 * have each part given (country, administrative area, and any street-level detail, ignoring case). Text that is not
 * JSON is an administrative area's id.
 */
function addressMatch(field: string, term: string): Bool {
  let address: unknown;
  try {
    address = JSON.parse(term);
  } catch {
    address = { administrativeArea: term };
  }
  if (!address || typeof address !== 'object' || Array.isArray(address)) {
    throw badRequest('an address is searched by its parts, as JSON', [
      { field: `query.data.${field}`, message: 'give {"country": ..., "administrativeArea": ...} as JSON text' },
    ]);
  }
  const { streetLevelDetails, ...parts } = address as Record<string, unknown>;
  const flat = {
    ...parts,
    ...(streetLevelDetails && typeof streetLevelDetails === 'object' ? streetLevelDetails : {}),
  };
  const conditions = Object.entries(flat)
    .filter(([, value]) => typeof value === 'string' && value !== '')
    .map(([part, value]) => sql<SqlBool>`lower(declaration->${field}->>${part}) = lower(${value as string})`);
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` AND `)})` : sql<SqlBool>`TRUE`;
}
