import {
  nameWords,
  nameWordToken,
  normalizeName,
  SearchClause,
  type FieldMatch,
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

const LOCATION_PATHS = {
  placeOfEvent: ['place_of_event', 'place_of_event_path'],
  createdAtLocation: ['created_at_location', 'created_at_location_path'],
  declaredIn: ['created_at_location', 'created_at_location_path'],
  registeredAtLocation: ['registered_at_location', null],
} as const;

const DATES = {
  dateOfEvent: 'date_of_event',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  registeredAt: 'registered_at',
} as const;

function clause(eb: EB, c: SearchClause, state: State): Bool {
  const parts: Bool[] = [];
  const { vars } = state;
  const exactOrAnyOf = (
    column: 'id' | 'type' | 'tracking_id' | 'registration_number' | 'status',
    m: { type: string; term?: string; terms?: string[] },
  ) =>
    m.type === 'exact'
      ? eb(column === 'id' ? 'event_id' : column, '=', m.term!)
      : eb(column === 'id' ? 'event_id' : column, 'in', m.terms!);

  if (c.id) parts.push(exactOrAnyOf('id', c.id));
  if (c.eventType) {
    parts.push(typeof c.eventType === 'string' ? eb('type', '=', c.eventType) : exactOrAnyOf('type', c.eventType));
  }
  if (c.trackingId) parts.push(exactOrAnyOf('tracking_id', upperCase(c.trackingId)));
  if (c.registrationNumber) parts.push(exactOrAnyOf('registration_number', upperCase(c.registrationNumber)));
  if (c.status) parts.push(exactOrAnyOf('status', c.status));
  if (c.flags) {
    const terms = c.flags.type === 'exact' ? [c.flags.term] : c.flags.terms;
    const array = sql`ARRAY[${sql.join(terms)}]::text[]`;
    parts.push(c.flags.type === 'noneOf' ? sql<SqlBool>`NOT (flags && ${array})` : sql<SqlBool>`flags && ${array}`);
  }
  for (const [key, column] of Object.entries(DATES) as Array<
    [keyof typeof DATES, (typeof DATES)[keyof typeof DATES]]
  >) {
    const m = c[key];
    if (!m) continue;
    const cast = column === 'date_of_event' ? 'date' : 'timestamptz';
    if (m.type === 'exact') {
      parts.push(
        column === 'date_of_event'
          ? eb(column, '=', checkDate(key, m.term))
          : sql<SqlBool>`${sql.ref(column)}::date = ${checkDate(key, m.term)}::date`,
      );
    } else {
      if (m.gte) parts.push(sql<SqlBool>`${sql.ref(column)} >= ${checkDate(key, m.gte)}::${sql.raw(cast)}`);
      if (m.lte) parts.push(lteDate(column, checkDate(key, m.lte), cast));
    }
  }
  for (const [key, [column, path]] of Object.entries(LOCATION_PATHS) as Array<
    [keyof typeof LOCATION_PATHS, readonly [string, string | null]]
  >) {
    const m = c[key];
    if (!m) continue;
    if (m.type === 'exact') parts.push(eb(sql.ref(column), '=', fill(m.term, vars)));
    else if (m.type === 'anyOf')
      parts.push(
        eb(
          sql.ref(column),
          'in',
          m.terms.map((t) => fill(t, vars)),
        ),
      );
    else parts.push(within(sql.ref(column), path, fill(m.location, vars)));
  }
  if (c.assignedTo) parts.push(eb('assigned_to', '=', fill(c.assignedTo.term, vars)));
  if (c.createdBy) parts.push(eb('created_by', '=', fill(c.createdBy.term, vars)));
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
  if (!parts.length)
    throw badRequest('an empty clause matches nothing useful', [{ field: 'query', message: 'empty clause' }]);
  return eb.and(parts);
}

function upperCase<T extends { type: string; term?: string; terms?: string[] }>(m: T): T {
  return { ...m, term: m.term?.toUpperCase(), terms: m.terms?.map((t) => t.toUpperCase()) };
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
function lteDate(column: string, value: string, cast: string): Bool {
  if (cast === 'timestamptz' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return sql<SqlBool>`${sql.ref(column)} < (${value}::date + 1)`;
  }
  return sql<SqlBool>`${sql.ref(column)} <= ${value}::${sql.raw(cast)}`;
}

function within(column: Expression<unknown>, path: string | null, location: string): Bool {
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
      if (state.knownFields.get(field) !== 'ID') return sql<SqlBool>`${text} = ${term}`;
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
