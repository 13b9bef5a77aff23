import { CompiledQuery, PostgresQueryCompiler, type KyselyPlugin, type RootOperationNode } from 'kysely';
import type { Db } from '../../apps/server/src/db/connect.ts';
import { round, summarize, type LatencySummary } from '../stats.ts';

/** Latency measurement of one kind of query, and the SQL the server's functions send (for EXPLAIN). */

export interface MeasureOptions {
  /** Unmeasured runs first (caches, plans). */
  warmup: number;
  /** Stop early when this many seconds have gone (a slow query at scale must not take the whole run). */
  budgetSeconds: number;
  /** At least this many samples even over budget. */
  minSamples: number;
}

export interface Measured<R> {
  latency: LatencySummary;
  samples: number[];
  results: R[];
  errors: string[];
  planned: number;
  stoppedByBudget: boolean;
}

export async function measure<T, R>(
  items: readonly T[],
  run: (item: T) => Promise<R>,
  options: MeasureOptions,
): Promise<Measured<R>> {
  for (const item of items.slice(0, options.warmup)) await run(item).catch(() => undefined);
  const samples: number[] = [];
  const results: R[] = [];
  const errors: string[] = [];
  const deadline = performance.now() + options.budgetSeconds * 1000;
  let stoppedByBudget = false;
  for (const [i, item] of items.entries()) {
    if (i >= options.minSamples && performance.now() > deadline) {
      stoppedByBudget = true;
      break;
    }
    const t0 = performance.now();
    try {
      results.push(await run(item));
      samples.push(performance.now() - t0);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { latency: summarize(samples), samples, results, errors, planned: items.length, stoppedByBudget };
}

export function roundLatency(s: LatencySummary) {
  return {
    count: s.count,
    mean: round(s.mean, 2),
    p50: round(s.p50, 2),
    p95: round(s.p95, 2),
    p99: round(s.p99, 2),
    max: round(s.max, 2),
  };
}

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  /** The rows it returned (when the query ran through the capturing view). */
  rows?: readonly unknown[];
}

/**
 * A view of the database that records every query the server's functions send through it, compiled exactly as
 * Kysely compiles it for PostgreSQL (raw `sql` templates included), and otherwise changes nothing.
 */
export function capturingDb(db: Db): { db: Db; queries: CapturedQuery[] } {
  const queries: CapturedQuery[] = [];
  const byId = new Map<unknown, CapturedQuery>();
  const compiler = new PostgresQueryCompiler();
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const compiled = compiler.compileQuery(args.node as RootOperationNode, args.queryId);
      const q: CapturedQuery = { sql: compiled.sql, parameters: compiled.parameters };
      queries.push(q);
      byId.set(args.queryId, q);
      return args.node;
    },
    transformResult: async (args) => {
      const q = byId.get(args.queryId);
      if (q) q.rows = args.result.rows;
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), queries };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured query, as text lines. */
export async function explain(db: Db, q: CapturedQuery): Promise<string[]> {
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]),
  );
  return result.rows.map((r) => r['QUERY PLAN']);
}

/** The SQL with its parameters inlined, for reading (not for running). */
export function inlineSql(q: CapturedQuery): string {
  return q.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = q.parameters[Number(n) - 1];
    if (typeof v === 'number') return String(v);
    if (Array.isArray(v)) return `'{${v.join(',')}}'`;
    return `'${String(v).replaceAll("'", "''")}'`;
  });
}
