import {
  formFields,
  nameWords,
  variantMap,
  type SearchQuery,
  type SearchRequest,
  type SearchSort,
  type SortKey,
  NO_LEGAL_STATUSES,
  type LegalStatuses,
  type UserType,
} from '@lifeline/domain';
import { sql, type Expression } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { AuthUser } from '../auth/types.ts';
import {
  auditRecordList,
  readableSql,
  redactSummary,
  requireSearchableFields,
  visibleFields,
} from '../access/index.ts';
import { requireSearchScope } from './access.ts';
import { compileQuery, fuzzyNameTerms } from './compile.ts';
import { expandWords } from './expand.ts';
import type { Selectable } from 'kysely';
import type { EventIndexTable } from '../../db/schema.ts';

export interface EventSummary {
  id: string;
  type: string;
  trackingId: string;
  status: string;
  flags: string[];
  title: string;
  dateOfEvent: string | null;
  placeOfEvent: string | null;
  registrationNumber: string | null;
  assignedTo: string | null;
  createdBy: string;
  createdAtLocation: string | null;
  createdAt: string;
  updatedAt: string;
  declaration: Record<string, unknown>;
  createdByUserType: UserType;
  updatedBy: string;
  updatedByUserRole: string | null;
  updatedAtLocation: string | null;
  legalStatuses: LegalStatuses;
  score: number;
}

const NAMED_ORDER: Record<Exclude<SearchSort, '-score'>, SortKey> = {
  '-updatedAt': { field: 'updatedAt', direction: 'desc' },
  updatedAt: { field: 'updatedAt', direction: 'asc' },
  '-dateOfEvent': { field: 'dateOfEvent', direction: 'desc' },
  dateOfEvent: { field: 'dateOfEvent', direction: 'asc' },
  title: { field: 'title', direction: 'asc' },
};

const legalTime = (status: string, fact: string) => sql`(legal_statuses #>> ${`{${status},${fact}}`})::timestamptz`;
/** What each sort field orders by. */
const SORT_COLUMNS: Record<Exclude<SortKey['field'], '_score'>, () => Expression<unknown>> = {
  createdAt: () => sql.ref('created_at'),
  updatedAt: () => sql.ref('updated_at'),
  dateOfEvent: () => sql.ref('date_of_event'),
  trackingId: () => sql.ref('tracking_id'),
  type: () => sql.ref('type'),
  status: () => sql.ref('status'),
  title: () => sql.ref('title'),
  registrationNumber: () => sql.ref('registration_number'),
  'legalStatuses.REGISTERED.registrationNumber': () => sql.ref('registration_number'),
  'legalStatuses.REGISTERED.acceptedAt': () => sql.ref('registered_at'),
  'legalStatuses.REGISTERED.createdAt': () => legalTime('REGISTERED', 'createdAt'),
  'legalStatuses.DECLARED.acceptedAt': () => legalTime('DECLARED', 'acceptedAt'),
  'legalStatuses.DECLARED.createdAt': () => legalTime('DECLARED', 'createdAt'),
};

/** The order asked for: ranked by relevance (a fuzzy query's default), or by these keys. */
function orderOf(sort: SearchRequest['sort'], ranked: boolean): 'score' | Array<SortKey & { nullsLast?: boolean }> {
  if (sort === undefined) return ranked ? 'score' : [NAMED_ORDER['-updatedAt']];
  if (sort === '-score') return 'score';
  if (typeof sort === 'string') return [NAMED_ORDER[sort]];
  if (sort[0].field === '_score' && sort[0].direction === 'desc' && sort.length === 1) return 'score';
  // Missing values (a record not yet registered has no registration date) come last either way, as in the
  // reference (PostgreSQL puts them first in a descending order).
  return sort.map((key) => ({ ...key, nullsLast: key.direction === 'desc' }));
}

let knownFieldsCache: WeakMap<object, Map<string, string>> = new WeakMap();
function knownFields(ctx: AppContext): Map<string, string> {
  let fields = knownFieldsCache.get(ctx.country);
  if (!fields) {
    fields = new Map(
      ctx.country.config.events.flatMap((e) => formFields(e).map(({ field }) => [field.id, field.type] as const)),
    );
    knownFieldsCache.set(ctx.country, fields);
  }
  return fields;
}
/** The name variants (nicknames, transliterations) of every event's dedup config, as one lookup. */
let variantsCache: WeakMap<object, Map<string, string>> = new WeakMap();
function countryVariants(ctx: AppContext): Map<string, string> {
  let variants = variantsCache.get(ctx.country);
  if (!variants) {
    variants = variantMap(ctx.country.config.events.flatMap((e) => e.deduplication?.nameVariants ?? []));
    variantsCache.set(ctx.country, variants);
  }
  return variants;
}

const nameFieldsOf = (ctx: AppContext) => [...knownFields(ctx)].filter(([, type]) => type === 'NAME').map(([id]) => id);

/** For tests that swap configs. */
export function resetSearchCaches() {
  knownFieldsCache = new WeakMap();
  variantsCache = new WeakMap();
}

/** Where a list of records was asked for: a search (needs a search scope) or one of the role's workqueues. */
export type ListSource = { kind: 'search' } | { kind: 'workqueue'; slug: string };

/**
 * Search records for a person: the query, limited by the access rule to the records the user may read, and one
 * audit entry listing what was returned (counts alone are not audited: they show no personal data).
 */
export async function searchEvents(
  ctx: AppContext,
  user: AuthUser,
  request: SearchRequest,
  options: { countOnly?: boolean; source?: ListSource } = {},
): Promise<{ results: EventSummary[]; total: number }> {
  const source = options.source ?? { kind: 'search' };
  if (source.kind === 'search') requireSearchScope(user);
  requireSearchableFields(user, request.query, nameFieldsOf(ctx));
  const found = await findRecords(ctx, user, request, options);
  if (!options.countOnly) await auditRecordList(ctx, user, source, request, found);
  // A client limited to some fields sees only those (see access/fields.ts).
  const allowed = visibleFields(user);
  if (allowed) found.results = found.results.map((r) => redactSummary(ctx.country, allowed, r));
  return found;
}

/**
 * The search itself: runs on event_index, which is written in the same transaction as every action, so results
 * are never stale; ranked by relevance when the query is fuzzy. Callers audit what they hand out.
 */
export async function findRecords(
  ctx: AppContext,
  user: AuthUser,
  request: SearchRequest,
  options: { countOnly?: boolean } = {},
): Promise<{ results: EventSummary[]; total: number }> {
  const vars = { userId: user.id, officeId: user.primaryOfficeId };
  let score: ReturnType<typeof compileQuery>['score'] = null;
  const fields = knownFields(ctx);
  const db = ctx.db;
  const words = fuzzyNameTerms(request.query, fields).flatMap(nameWords);
  const expansions = await expandWords(db, words, countryVariants(ctx));
  const base = db.selectFrom('event_index').where((eb) => {
    const compiled = compileQuery(eb, request.query as SearchQuery, vars, fields, expansions);
    score = compiled.score;
    return eb.and([compiled.where, readableSql(eb, ctx.country, user)]);
  });
  const count = async () =>
    Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (options.countOnly) return { results: [], total: await count() };

  const scoreExpr = score ?? sql<number>`0`;
  const order = orderOf(request.sort, score !== null);
  if (order === 'score') {
    // Ranking reads every match anyway: count them in the same pass instead of a second query. The ranking pass
    // carries narrow rows only (a large match set would otherwise be held in full); the page's rows are read after.
    const ranked = base
      .select([
        'event_id',
        'updated_at',
        sql<number>`${scoreExpr}`.as('score'),
        sql<number>`count(*) OVER ()`.as('total'),
      ])
      .orderBy('score', 'desc')
      .orderBy('updated_at', 'desc')
      .limit(request.limit)
      .offset(request.offset)
      .as('ranked');
    const rows = await db
      .selectFrom(ranked)
      .innerJoin('event_index', 'event_index.event_id', 'ranked.event_id')
      .selectAll('event_index')
      .select(['ranked.score', 'ranked.total'])
      .orderBy('ranked.score', 'desc')
      .orderBy('ranked.updated_at', 'desc')
      .execute();
    const total = rows.length ? Number(rows[0].total) : request.offset ? await count() : 0;
    return toResults(rows, total);
  }
  // Sorted by a column: the page can stop early along an index, so the count is its own query.
  const total = await count();
  if (total === 0) return { results: [], total };
  let query = base.selectAll().select(sql<number>`${scoreExpr}`.as('score'));
  for (const key of order) {
    const column = key.field === '_score' ? scoreExpr : SORT_COLUMNS[key.field]();
    const direction = `${key.direction === 'desc' ? 'DESC' : 'ASC'}${key.nullsLast ? ' NULLS LAST' : ''}`;
    query = query.orderBy(sql`${column} ${sql.raw(direction)}`);
  }
  const rows = await query.orderBy('event_id').limit(request.limit).offset(request.offset).execute();
  return toResults(rows, total);
}

function toResults(rows: Array<Record<string, unknown> & { score: number }>, total: number) {
  return {
    total,
    results: (rows as unknown as Array<Selectable<EventIndexTable> & { score: number }>).map((row) => ({
      id: row.event_id,
      type: row.type,
      trackingId: row.tracking_id,
      status: row.status,
      flags: row.flags,
      title: row.title,
      dateOfEvent: row.date_of_event,
      placeOfEvent: row.place_of_event,
      registrationNumber: row.registration_number,
      assignedTo: row.assigned_to,
      createdBy: row.created_by,
      createdAtLocation: row.created_at_location,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      declaration: row.declaration,
      createdByUserType: (row.created_by_user_type === 'system' ? 'system' : 'user') as UserType,
      updatedBy: row.updated_by ?? row.created_by,
      updatedByUserRole: row.updated_by_role,
      updatedAtLocation: row.updated_at_location,
      legalStatuses: (row.legal_statuses as unknown as LegalStatuses | null) ?? NO_LEGAL_STATUSES,
      score: Math.round(Number(row.score) * 1000) / 1000,
    })),
  };
}
