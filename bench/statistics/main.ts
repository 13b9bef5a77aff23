import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { todayIn } from '@lifeline/domain';
import { sql } from 'kysely';
import type { Runtime } from '../../apps/server/src/server.ts';
import { signAccessToken } from '../../apps/server/src/modules/auth/tokens.ts';
import { reindex } from '../../apps/server/src/modules/reindex/service.ts';
import { cpuBetween, cpuSnapshot } from '../cpu.ts';
import { round, summarize, table } from '../stats.ts';
import { openPglite, openPostgres, type BenchDatabase } from '../search/database.ts';
import { Population } from '../search/population.ts';
import { dropSecondaryIndexes, finishSeeding, rebuildIndexes, seedPopulation, tableSizes } from '../search/seed.ts';
import { plannedCalls, type Call } from './calls.ts';

/**
 * `npm run bench:statistics`: every statistics call of the dashboard and the exports, over HTTP (the server's own
 * routes, in this process), on a register of synthetic births: seeded as the search benchmark seeds it
 * (1,000,000 on PostgreSQL), or one it kept (BENCH_REUSE). Prints p50 / p95 per call against the goals.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : Number(raw.replaceAll('_', ''));
};
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const settings = {
  databaseUrl,
  records: Math.round(num('BENCH_RECORDS', databaseUrl ? 1_000_000 : 20_000)),
  calls: Math.round(num('BENCH_CALLS', 60)),
  batch: Math.round(num('BENCH_BATCH', 1000)),
  inFlight: Math.round(num('BENCH_IN_FLIGHT', databaseUrl ? 2 : 1)),
  poolSize: Math.round(num('BENCH_DB_POOL_SIZE', 4)),
  seed: process.env.BENCH_SEED || 'lifeline-search-bench',
  reuse: process.env.BENCH_REUSE || undefined,
  keep: process.env.BENCH_KEEP === '1' || (!!process.env.BENCH_REUSE && process.env.BENCH_KEEP !== '0'),
};
const loadAverage = () => round(os.loadavg()[0], 2);
const int = (n: number) => Math.round(n).toLocaleString('en');

async function seed(db: BenchDatabase) {
  const { ctx } = db.runtime;
  const config = ctx.country.events.get('birth')!;
  const today = todayIn(ctx.country.config.settings.timeZone);
  console.log(`\n-- seeding ${int(settings.records)} births (load average ${loadAverage()})`);
  const deferred = await dropSecondaryIndexes(ctx.db);
  const population = new Population(ctx.country, settings.seed, 0, today);
  const seeded = await seedPopulation(ctx.db, ctx.country, config, population, {
    count: settings.records,
    batch: settings.batch,
    inFlight: settings.inFlight,
    sampleSize: 10,
    seed: settings.seed,
  });
  const indexSeconds = await rebuildIndexes(ctx.db, deferred, db.kind === 'postgres' ? 2 : 1);
  await finishSeeding(ctx.db, seeded.maxSequence);
  console.log(
    `  ${int(seeded.records)} records (${int(seeded.registered)} registered) in ${round(seeded.seconds, 1)} s, ` +
      `indexes ${round(indexSeconds, 1)} s`,
  );
}

/**
 * A kept register: its statistics rows must match its registrations (a register seeded before they existed has
 * none): otherwise `reindex` rebuilds them from the action log, as `lifeline reindex` does.
 */
async function ensureFacts(runtime: Runtime) {
  const { db } = runtime.ctx;
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0].n);
  const registered = await count(
    sql<{ n: number }>`SELECT count(*)::int AS n FROM event_index WHERE status = 'REGISTERED'`,
  );
  const facts = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM registration_facts`);
  console.log(`  ${int(registered)} registered records, ${int(facts)} statistics rows`);
  if (facts === registered) return null;
  console.log('  statistics rows missing: rebuilding with reindex (as `lifeline reindex` does)');
  const result = await reindex(runtime.ctx);
  await sql`VACUUM ANALYZE registration_facts`.execute(db);
  console.log(`  reindex: ${int(result.records)} records in ${round(result.seconds, 1)} s`);
  return result.seconds;
}

/** registration_facts and its indexes into the file cache, as a server that has been answering has them. */
async function warm(runtime: Runtime) {
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_prewarm SCHEMA public`.execute(runtime.ctx.db);
    await sql`
      SELECT public.pg_prewarm(c.oid, 'read') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND (c.relname = 'registration_facts'
        OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'registration_facts'::regclass))`.execute(
      runtime.ctx.db,
    );
  } catch {
    // The embedded database keeps its data in this process's memory.
  }
}

async function tokens(runtime: Runtime): Promise<Record<Call['user'], string>> {
  const sign = (role: string, office: string) =>
    signAccessToken(runtime.keys, { sub: `bench-${role}`, username: `bench-${role}`, role, office, sid: '' });
  return {
    national: await sign('PERFORMANCE_MANAGER', 'LHUYvwY2Aq1'),
    provincial: await sign('PROVINCIAL_REGISTRAR', 'eF8mK8JAMKZ'),
  };
}

/** The PostgreSQL backends of the runtime's pool (as many concurrent queries as it has connections). */
async function backendPids(runtime: Runtime, poolSize: number): Promise<number[]> {
  if (runtime.ctx.dbKind !== 'postgres') return [];
  const pids = await Promise.all(
    Array.from({ length: poolSize }, () =>
      sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.2)`.execute(runtime.ctx.db),
    ),
  );
  return [...new Set(pids.map((r) => r.rows[0].pid))];
}

/**
 * Each kind's calls one after another: the first 3 warm plans and caches, the others are timed. Besides the
 * latency, the CPU the calls used (this process, which runs the server, and its PostgreSQL backends) per call:
 * what a call costs on an idle machine, where the latency also counts waiting for a core on a busy one.
 */
async function measure(runtime: Runtime, calls: Call[]) {
  const auth = await tokens(runtime);
  const pids = await backendPids(runtime, settings.poolSize);
  const kinds = [...new Set(calls.map((c) => c.kind))];
  const results = [];
  const call = (c: Call) =>
    runtime.app.inject({ method: 'GET', url: c.url, headers: { authorization: `Bearer ${auth[c.user]}` } });
  for (const kind of kinds) {
    const planned = calls.filter((c) => c.kind === kind);
    const samples: number[] = [];
    let bytes = 0;
    const errors: string[] = [];
    for (const c of planned.slice(0, 3)) await call(c);
    const before = cpuSnapshot(process.pid, pids);
    for (const c of planned.slice(3)) {
      const t0 = performance.now();
      const res = await call(c);
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) errors.push(`${res.statusCode} ${c.url}: ${res.body.slice(0, 200)}`);
      samples.push(ms);
      bytes += res.rawPayload.length;
    }
    const after = cpuSnapshot(process.pid, pids);
    const used = cpuBetween(before, after);
    const wall = (after.at - before.at) / 1000;
    const cpuMsPerCall = ((used.client + (used.postgres ?? 0)) * wall * 1000) / Math.max(1, samples.length);
    const s = summarize(samples);
    const goal = planned[0].goalMs;
    results.push({
      kind,
      samples: s.count,
      p50: round(s.p50, 1),
      p95: round(s.p95, 1),
      max: round(s.max, 1),
      cpuMsPerCall: round(cpuMsPerCall, 1),
      goalMs: goal,
      met: goal === null ? null : s.p95 < goal,
      meanKB: round(bytes / Math.max(1, s.count) / 1024, 1),
      errors,
    });
    const last = results.at(-1)!;
    console.log(
      `  ${kind}: p50 ${last.p50} ms, p95 ${last.p95} ms, CPU ${last.cpuMsPerCall} ms/call` +
        `${goal ? ` (goal < ${goal}: ${last.met ? 'MET' : 'NOT MET'})` : ''}` +
        (errors.length ? `, ${errors.length} errors: ${errors[0]}` : ''),
    );
  }
  return results;
}

async function main() {
  console.log('Lifeline statistics benchmark');
  console.log(
    `machine: ${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}; ` +
      `BENCH_RECORDS=${settings.records} BENCH_CALLS=${settings.calls} BENCH_REUSE=${settings.reuse ?? 'unset'}`,
  );
  const db = settings.databaseUrl
    ? await openPostgres(settings.databaseUrl, settings.poolSize, settings.reuse)
    : await openPglite(settings.reuse);
  console.log(
    `database: ${String(db.details.engine)}${db.details.schema ? `, schema ${String(db.details.schema)}` : ''}`,
  );
  try {
    if (!settings.reuse) await seed(db);
    else console.log(`\n-- reusing ${settings.reuse}`);
    const reindexSeconds = await ensureFacts(db.runtime);
    await warm(db.runtime);
    const sizes = await tableSizes(db.runtime.ctx.db);
    const facts = await sql<{
      size: string;
    }>`SELECT pg_size_pretty(pg_total_relation_size('registration_facts')) AS size`.execute(db.runtime.ctx.db);
    console.log(
      `  sizes: ${Object.entries(sizes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}, registration_facts ${facts.rows[0].size}`,
    );
    const calls = plannedCalls(db.runtime.ctx.country, settings.calls, settings.seed);
    console.log(`\n-- ${calls.length} calls, ${settings.calls} of each kind (load average ${loadAverage()})`);
    const results = await measure(db.runtime, calls);
    const rows = results.map((r) => [
      r.kind,
      String(r.samples),
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.cpuMsPerCall.toFixed(1),
      r.goalMs === null ? '-' : `< ${r.goalMs}`,
      r.met === null ? '-' : r.met ? 'MET' : 'NOT MET',
    ]);
    console.log(`\n== ${db.kind}: ${String(db.details.engine)} (load average ${loadAverage()}) ==`);
    console.log(table(rows, ['call', 'n', 'p50 ms', 'p95 ms', 'CPU ms/call', 'goal', '']));
    console.log(
      '  CPU ms/call: this process (server) and its PostgreSQL backends, per measured call: the latency on an idle ' +
        'machine, where p50 / p95 also count waiting for a core',
    );
    const failed = results.filter((r) => r.met === false).length;
    const errors = results.reduce((n, r) => n + r.errors.length, 0);
    console.log(`\n  ${results.length - failed} of ${results.length} kinds within their goal; ${errors} failed calls`);
    const dir = path.join(REPO_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `statistics-${db.kind}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          settings: { ...settings, databaseUrl: !!databaseUrl },
          database: db.details,
          reindexSeconds,
          results,
        },
        null,
        2,
      ),
    );
    console.log(`  results: ${path.relative(REPO_ROOT, file)}`);
    return errors ? 1 : 0;
  } finally {
    await db.dispose(settings.keep);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
