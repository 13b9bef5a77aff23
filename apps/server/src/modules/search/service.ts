import {
  formFields,
  nameWords,
  variantMap,
  type SearchQuery,
  type SearchRequest,
  type SearchSort,
} from '@lifeline/domain';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { AuthUser } from '../auth/types.ts';
import { auditRecordList, readableSql } from '../access/index.ts';
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
  score: number;
}

const ORDER: Record<Exclude<SearchSort, '-score'>, [string, 'asc' | 'desc']> = {
  '-updatedAt': ['updated_at', 'desc'],
  updatedAt: ['updated_at', 'asc'],
  '-dateOfEvent': ['date_of_event', 'desc'],
  dateOfEvent: ['date_of_event', 'asc'],
  title: ['title', 'asc'],
};

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
  const found = await findRecords(ctx, user, request, options);
  if (!options.countOnly) await auditRecordList(ctx, user, source, request, found);
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
  const sort = request.sort ?? (score ? '-score' : '-updatedAt');
  if (sort === '-score') {
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
  const rows = await base
    .selectAll()
    .select(sql<number>`${scoreExpr}`.as('score'))
    .orderBy(sql.ref(ORDER[sort][0]), ORDER[sort][1])
    .orderBy('event_id')
    .limit(request.limit)
    .offset(request.offset)
    .execute();
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
      score: Math.round(Number(row.score) * 1000) / 1000,
    })),
  };
}
