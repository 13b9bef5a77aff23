import { formFields, type SearchQuery, type SearchRequest } from '@lifeline/domain';
import { CompiledQuery, sql } from 'kysely';
import type { AppContext } from '../../apps/server/src/context.ts';
import type { AuthUser } from '../../apps/server/src/modules/auth/types.ts';
import { accessFilter } from '../../apps/server/src/modules/search/access.ts';
import { compileQuery, FUZZY_THRESHOLD } from '../../apps/server/src/modules/search/compile.ts';
import type { CapturedQuery } from './measure.ts';

/**
 * The SQL searchEvents sends, built with the server's own compileQuery and accessFilter exactly as
 * modules/search/service.ts assembles them (count, then the first page), compiled without running; and
 * variants of it, to measure what a server change would give:
 *
 * - `count-capped`: count the matches only up to 1,001 (`count(*)` over a `LIMIT 1001` sub-select; the page
 *   shows "1,000+"), same page;
 * - `threshold-0.6`: pg_trgm's default word-similarity threshold (0.6) instead of 0.45, for `<%` and for the
 *   explicit `>=` tests: fewer, closer matches (different results: the share of searches whose record is still on
 *   the first page is shown);
 * - both together.
 */

export interface CompiledSearch {
  count: CapturedQuery;
  page: CapturedQuery;
}

let fieldsCache: Map<string, string> | null = null;

export function compileSearch(ctx: AppContext, user: AuthUser, request: SearchRequest): CompiledSearch {
  fieldsCache ??= new Map(
    ctx.country.config.events.flatMap((e) => formFields(e).map(({ field }) => [field.id, field.type] as const)),
  );
  const known = fieldsCache;
  const vars = { userId: user.id, officeId: user.primaryOfficeId };
  let score: ReturnType<typeof compileQuery>['score'] = null;
  const base = ctx.db.selectFrom('event_index').where((eb) => {
    const compiled = compileQuery(eb, request.query as SearchQuery, vars, known);
    score = compiled.score;
    return eb.and([compiled.where, accessFilter(eb, ctx.country, user)]);
  });
  const count = base.select((eb) => eb.fn.countAll<number>().as('n')).compile();
  if (request.sort) throw new Error('compileSearch follows the default order only');
  const scoreExpr = score ?? sql<number>`0`;
  let query = base.selectAll().select(sql<number>`${scoreExpr}`.as('score'));
  query = score
    ? query.orderBy('score', 'desc').orderBy('updated_at', 'desc')
    : query.orderBy('updated_at', 'desc').orderBy('event_id');
  const page = query.limit(request.limit).offset(request.offset).compile();
  return {
    count: { sql: count.sql, parameters: count.parameters },
    page: { sql: page.sql, parameters: page.parameters },
  };
}

export const PROPOSALS = {
  'count-capped': 'count matches up to 1,001 only (count(*) over a LIMIT 1001 sub-select), same page',
  'threshold-0.6': "pg_trgm's default word-similarity threshold 0.6 instead of 0.45 (`<%` and `>=` tests)",
  'capped+0.6': 'both',
} as const;
export type Proposal = keyof typeof PROPOSALS;

const CAP = 1001;

function variant(search: CompiledSearch, proposal: Proposal | null): { search: CompiledSearch; threshold: number } {
  if (!proposal) return { search, threshold: FUZZY_THRESHOLD };
  const capped = proposal === 'count-capped' || proposal === 'capped+0.6';
  const stricter = proposal === 'threshold-0.6' || proposal === 'capped+0.6';
  const threshold = stricter ? 0.6 : FUZZY_THRESHOLD;
  const params = (q: CapturedQuery) =>
    stricter ? q.parameters.map((p) => (p === FUZZY_THRESHOLD ? threshold : p)) : q.parameters;
  const count = capped
    ? {
        sql: search.count.sql.replace(
          /^select count\(\*\) as "n" from "event_index" where (.*)$/s,
          `select count(*) as "n" from (select 1 from "event_index" where $1 limit ${CAP}) capped`,
        ),
        parameters: params(search.count),
      }
    : { sql: search.count.sql, parameters: params(search.count) };
  return { search: { count, page: { sql: search.page.sql, parameters: params(search.page) } }, threshold };
}

/**
 * Run a search as the server does (one transaction, the trigram threshold set for it, count then the page when
 * there are matches), optionally as a proposal; the number of matches and the ids on the page.
 */
export async function runSearchSql(
  ctx: AppContext,
  compiled: CompiledSearch,
  proposal: Proposal | null,
): Promise<{ total: number; ids: string[] }> {
  const { search, threshold } = variant(compiled, proposal);
  return ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`.execute(trx);
    const counted = await trx.executeQuery<{ n: number }>(
      CompiledQuery.raw(search.count.sql, [...search.count.parameters]),
    );
    const total = Number(counted.rows[0].n);
    if (!total) return { total, ids: [] };
    const rows = await trx.executeQuery<{ event_id: string }>(
      CompiledQuery.raw(search.page.sql, [...search.page.parameters]),
    );
    return { total, ids: rows.rows.map((r) => r.event_id) };
  });
}

/** EXPLAIN (ANALYZE, BUFFERS) of a search query with the trigram threshold set as the server sets it. */
export async function explainSearch(ctx: AppContext, q: CapturedQuery, threshold = FUZZY_THRESHOLD): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`.execute(trx);
    const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]),
    );
    return result.rows.map((r) => r['QUERY PLAN']);
  });
}

export function proposalCount(compiled: CompiledSearch, proposal: Proposal): { q: CapturedQuery; threshold: number } {
  const { search, threshold } = variant(compiled, proposal);
  return { q: search.count, threshold };
}
