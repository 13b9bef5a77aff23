/**
 * Load benchmark: complete birth workflows (create + declare, validate, register: 4 write requests, each one
 * transaction) over real HTTP against the server in a child process, on the embedded database and, when
 * BENCH_DATABASE_URL is set, on a PostgreSQL server; then the raw single-row INSERT rate of the same database
 * for comparison. `npm run bench`; settings and method in bench/README.md.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import * as prettier from 'prettier';
import { cpuBetween, cpuSnapshot, type CpuSnapshot, type CpuUse } from './cpu.ts';
import { declarationFactory } from './declarations.ts';
import { FIXTURE_FILES } from '@lifeline/farajaland/fixtures';
import { Api, Session } from './http.ts';
import { runLoad, STEPS, type LoadResult } from './load.ts';
import { rawInsertPglite, rawInsertPostgres, type RawInsertResult } from './raw-insert.ts';
import { REPO_ROOT, startServer } from './server.ts';
import { round, summarize, table, type LatencySummary } from './stats.ts';

type DbName = 'pglite' | 'postgres';

function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!(n > 0)) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

const settings = {
  seconds: numberSetting('BENCH_SECONDS', 20),
  warmupSeconds: numberSetting('BENCH_WARMUP_SECONDS', 3),
  concurrency: Math.round(numberSetting('BENCH_CONCURRENCY', 32)),
  rawSeconds: numberSetting('BENCH_RAW_SECONDS', 5),
  poolSize: Math.round(numberSetting('BENCH_DB_POOL_SIZE', 16)),
  /** Write a V8 CPU profile of the server per database into bench/results/profiles. */
  profile: process.env.BENCH_PROFILE === '1',
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  /** The maximum share of failed requests before the run fails. */
  maxFailureRate: 0.001,
};

const TARGET = { database: 'postgres', cores: 2, concurrency: 32, workflowsPerSecond: 150, writeP95Ms: 100 };
const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/**
 * The server's URL: a schema of its own through libpq's `options` parameter, which node-postgres passes on, and
 * an application_name to find the server's backends in pg_stat_activity.
 */
function serverUrl(url: string, searchPath: string, applicationName: string): string {
  if (/[?&](options|application_name)=/.test(url)) {
    throw new Error('BENCH_DATABASE_URL must not have "options" or "application_name" parameters already');
  }
  const options = encodeURIComponent(`-c search_path=${searchPath}`);
  return `${url}${url.includes('?') ? '&' : '?'}options=${options}&application_name=${applicationName}`;
}

/** Whether the PostgreSQL server is on this machine (loopback address or Unix socket). */
function isLocal(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]', ''].includes(new URL(url).hostname);
  } catch {
    return url.includes('host=/') || url.startsWith('/'); // socket URLs that URL() cannot parse
  }
}

interface DbRun {
  database: DbName;
  details: Record<string, unknown>;
  load: LoadResult;
  cpu: CpuUse | null;
  raw: RawInsertResult;
  registeredInDatabase: number;
  serverExitCode: number | null;
  serverOutput: string[];
  refreshErrors: string[];
}

/** Start the server, log in each user once, run the load, stop the server (the raw inserts come after). */
async function runWorkflows(
  database: DbName,
  dataDir: string,
  serverDatabaseUrl: string | undefined,
  backendPids: () => Promise<number[]> = async () => [],
): Promise<
  Omit<DbRun, 'raw' | 'registeredInDatabase' | 'details'> & { makeDeclaration: () => Record<string, unknown> }
> {
  const profileDir = settings.profile ? path.join(RESULTS_DIR, 'profiles', database) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const t0 = performance.now();
  const server = await startServer({
    dataDir,
    databaseUrl: serverDatabaseUrl,
    poolSize: settings.poolSize,
    cpuProfileDir: profileDir,
  });
  console.log(`  server pid ${server.pid} ready on ${server.origin} in ${round((performance.now() - t0) / 1000)} s`);
  const api = new Api(server.origin, settings.concurrency + 2);
  const makeDeclaration = declarationFactory();
  let stopped = false;
  try {
    const agent = await Session.login(api, 'f.katongo');
    const registrar = await Session.login(api, 'k.mweene');
    // The fixture declaration's documents: stored under the content addresses its file values name.
    for (const file of FIXTURE_FILES) {
      const res = await api.upload(Buffer.from(file.content, 'latin1'), file.type, agent.accessToken);
      if (res.status !== 201) throw new Error(`upload ${file.name}: ${res.status} ${res.text}`);
    }
    let before: Promise<CpuSnapshot> | undefined;
    let after: Promise<CpuUse> | undefined;
    const snapshot = async () => cpuSnapshot(server.pid, await backendPids());
    console.log(
      `  ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s measured, ${settings.concurrency} users`,
    );
    const load = await runLoad(api, {
      concurrency: settings.concurrency,
      warmupSeconds: settings.warmupSeconds,
      seconds: settings.seconds,
      agent,
      registrar,
      makeDeclaration,
      onWindow: (edge) => {
        if (edge === 'start') before = snapshot();
        else if (before) after = Promise.all([before, snapshot()]).then(([a, b]) => cpuBetween(a, b));
      },
    });
    const cpu = after ? await after.catch(() => null) : null;
    agent.stop();
    registrar.stop();
    await api.close();
    const serverExitCode = await server.stop();
    stopped = true;
    if (profileDir) console.log(`  server CPU profile written to ${path.relative(REPO_ROOT, profileDir)}/`);
    return {
      database,
      load,
      cpu,
      serverExitCode,
      serverOutput: server.output,
      refreshErrors: [...agent.refreshErrors, ...registrar.refreshErrors],
      makeDeclaration,
    };
  } finally {
    if (!stopped) {
      await api.close().catch(() => undefined);
      await server.stop();
    }
  }
}

const REGISTERED = `SELECT count(*)::int AS n FROM event_index WHERE status = 'REGISTERED'`;

async function runPglite(): Promise<DbRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-bench-'));
  try {
    const run = await runWorkflows('pglite', dataDir, undefined);
    console.log(`  raw inserts: ${settings.rawSeconds} s, sequential (one embedded session)`);
    const db = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata') });
    try {
      const registered = await db.query<{ n: number }>(REGISTERED);
      const raw = await rawInsertPglite(db, run.makeDeclaration, settings.rawSeconds);
      const pkg = JSON.parse(
        readFileSync(path.join(REPO_ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
      ) as { version: string };
      return {
        ...run,
        raw,
        registeredInDatabase: registered.rows[0].n,
        details: { engine: `PGlite ${pkg.version} (embedded, in the server process)`, dataDir: 'fresh temp dir' },
      };
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPostgres(url: string): Promise<DbRun> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  // The run's schema first (every table is created and found there), then public, where the migrations put
  // the extensions (pg_trgm...) so that every schema finds them.
  const searchPath = `${schema},public`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-bench-'));
  try {
    const info = await admin.query<{ version: string; sync: string; fsync: string; max: string }>(
      `SELECT version() AS version, current_setting('synchronous_commit') AS sync, current_setting('fsync') AS fsync,
              current_setting('max_connections') AS max`,
    );
    await admin.query(`CREATE SCHEMA ${schema}`);
    console.log(`  schema ${schema} created`);
    // Migrate first, naming the schema (see migrate-schema.ts for why the server cannot be left to do it).
    const migrated = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/migrate-schema.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: url, BENCH_SCHEMA: schema, BENCH_SEARCH_PATH: searchPath },
    });
    console.log(`  ${migrated.stdout.trim()}`);
    const applicationName = `lifeline-${schema}`;
    // Their CPU is read from /proc: only when PostgreSQL runs on this machine.
    const local = isLocal(url);
    const backendPids = async () => {
      if (!local) return [];
      const res = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ]);
      return res.rows.map((r) => r.pid);
    };
    const run = await runWorkflows('postgres', dataDir, serverUrl(url, searchPath, applicationName), backendPids);
    console.log(
      `  raw inserts: ${settings.rawSeconds} s, ${settings.concurrency} loops on a pool of ${settings.poolSize}`,
    );
    const pool = new pg.Pool({
      connectionString: url,
      max: settings.poolSize,
      options: `-c search_path=${searchPath}`,
    });
    try {
      const registered = await pool.query<{ n: number }>(REGISTERED);
      const raw = await rawInsertPostgres(pool, settings.concurrency, run.makeDeclaration, settings.rawSeconds);
      const row = info.rows[0];
      return {
        ...run,
        raw,
        registeredInDatabase: registered.rows[0].n,
        details: {
          engine: row.version.split(' on ')[0],
          schema,
          searchPath,
          synchronousCommit: row.sync,
          fsync: row.fsync,
          maxConnections: Number(row.max),
          serverPoolSize: settings.poolSize,
          url: url.replace(/\/\/[^@/]*@/, '//***@'),
        },
      };
    } finally {
      await pool.end();
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((e: unknown) => {
      console.error(`could not drop schema ${schema}: ${e instanceof Error ? e.message : e}`);
    });
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`  schema ${schema} dropped`);
  }
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const fixed = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const cores = (n: number | null) => (n === null ? 'n/a' : n.toFixed(2));

async function report(run: DbRun) {
  const { load, raw } = run;
  const window = load.windowSeconds;
  const all = summarize(STEPS.flatMap((s) => load.samples[s]));
  const steps = Object.fromEntries(STEPS.map((s) => [s, summarize(load.samples[s])])) as Record<
    (typeof STEPS)[number],
    LatencySummary
  >;
  const workflowsPerSecond = load.workflowsInWindow / window;
  const writesPerSecond = all.count / window;
  const ratio = writesPerSecond / raw.perSecond;
  const failureRate = load.requests.total ? load.failures.total / load.requests.total : 0;
  const machineInfo = machine();
  const applies =
    run.database === TARGET.database &&
    machineInfo.cores === TARGET.cores &&
    settings.concurrency === TARGET.concurrency;
  const met = workflowsPerSecond >= TARGET.workflowsPerSecond && all.p95 < TARGET.writeP95Ms;

  console.log(`\n== ${run.database}: ${String(run.details.engine)} ==`);
  console.log(
    table([
      ['workflows completed (measured window)', String(load.workflowsInWindow)],
      ['workflows per second', fixed(workflowsPerSecond)],
      ['write requests per second', fixed(writesPerSecond)],
      ['write latency p50 (ms)', ms(all.p50)],
      ['write latency p95 (ms)', ms(all.p95)],
      ['write latency p99 (ms)', ms(all.p99)],
      ...STEPS.map((s) => [`  ${s} p95 (ms)`, ms(steps[s].p95)]),
      [
        `raw INSERT transactions per second (${raw.concurrency === 1 ? 'sequential' : `${raw.concurrency} loops`})`,
        fixed(raw.perSecond),
      ],
      ['write tx/s / raw insert tx/s', fixed(ratio, 3)],
      [
        'failed requests (measured / all)',
        `${load.failures.inWindow} / ${load.failures.total} of ${load.requests.total} (${fixed(failureRate * 100, 3)}%)`,
      ],
    ]),
  );
  const slice = load.timeline.sliceSeconds;
  console.log(
    `  workflows/s in successive ${fixed(slice, 1)} s slices of the window: ` +
      load.timeline.workflows.map((n) => fixed(n / slice)).join(', '),
  );
  console.log('\n  per step (ms, measured window)');
  console.log(
    table(
      STEPS.map((s) => [
        s,
        String(steps[s].count),
        ms(steps[s].mean),
        ms(steps[s].p50),
        ms(steps[s].p95),
        ms(steps[s].p99),
        ms(steps[s].max),
      ]),
      ['step', 'count', 'mean', 'p50', 'p95', 'p99', 'max'],
    ),
  );
  if (run.cpu) {
    const c = run.cpu;
    console.log(
      `\n  CPU in the window (cores busy, of ${machineInfo.cores}): server ${cores(c.server)}, ` +
        `bench client ${cores(c.client)}, PostgreSQL backends of the server ${cores(c.postgres)}, ` +
        `other processes ${cores(c.other)}, whole machine ${cores(c.machine)}`,
    );
    const cost = cpuCost(c, writesPerSecond, machineInfo.cores);
    if (cost) {
      console.log(
        `  CPU per write request: server ${fixed(cost.serverMs, 2)} ms, postgres ${fixed(cost.postgresMs, 2)} ms, ` +
          `bench client ${fixed(cost.clientMs, 2)} ms\n  CPU-bound ceiling at these costs on ${machineInfo.cores} idle ` +
          `cores (server on its one thread, database on the rest; no client): ~${fixed(cost.ceilingWritesPerSecond, 0)} ` +
          `writes/s = ~${fixed(cost.ceilingWritesPerSecond / 4, 0)} workflows/s`,
      );
    }
    if (c.other !== null && c.other > 0.2) {
      console.log(
        `  WARNING: other processes used ${cores(c.other)} cores during the window: these figures understate ` +
          'what this machine can do; rerun on a quiet machine',
      );
    }
  }
  console.log(
    `  records REGISTERED in the database: ${run.registeredInDatabase} (workflows completed by the client, all phases: ${load.workflowsCompleted})`,
  );
  console.log(
    `  raw insert payload: ${raw.payloadBytes} bytes of JSON per row; ${raw.transactions} rows in ${fixed(raw.seconds, 2)} s`,
  );
  if (load.failures.total) {
    console.log('  FAILURES by step and status:', JSON.stringify(load.failures.byKind));
    for (const f of load.failures.samples) console.log(`    [${f.phase}] ${f.step} ${f.status}: ${f.message}`);
  }
  if (raw.failures) console.log(`  raw insert FAILURES: ${raw.failures}`);
  for (const e of run.refreshErrors) console.log(`  TOKEN ${e}`);
  // The demo-mode notice is expected at every start; anything else the server said is shown.
  const said = run.serverOutput.filter((line) => !line.includes('DEMO MODE'));
  if (said.length) {
    console.log(`  server output (${said.length} lines at LOG_LEVEL=warn), first 10:`);
    for (const line of said.slice(0, 10)) console.log(`    ${line.slice(0, 400)}`);
  }
  if (run.serverExitCode !== 0) console.log(`  the server exited with code ${run.serverExitCode}`);

  const verdict = met ? 'MET' : 'NOT MET';
  const target = `>= ${TARGET.workflowsPerSecond} workflows/s with write p95 < ${TARGET.writeP95Ms} ms`;
  if (applies) {
    console.log(`\n  TARGET (PostgreSQL, ${TARGET.cores} cores, ${TARGET.concurrency} users): ${target}: ${verdict}`);
  } else {
    console.log(
      `\n  target (${target}) is set for PostgreSQL on ${TARGET.cores} cores at ${TARGET.concurrency} users; ` +
        `this run (${run.database}, ${machineInfo.cores} cores, ${settings.concurrency} users) for reference: ${verdict}`,
    );
  }

  const integrity = run.registeredInDatabase === load.workflowsCompleted;
  if (!integrity) {
    console.log(
      `  MISMATCH: the database holds ${run.registeredInDatabase} registered records, the client completed ${load.workflowsCompleted}`,
    );
  }
  const json = {
    benchmark: 'workflows',
    database: run.database,
    at: new Date().toISOString(),
    commit: gitCommit(),
    machine: { ...machineInfo, loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)) },
    settings: { ...settings, databaseUrl: settings.databaseUrl ? '(set)' : undefined },
    databaseDetails: run.details,
    results: {
      workflowsCompleted: load.workflowsInWindow,
      workflowsPerSecond: round(workflowsPerSecond, 2),
      workflowsPerSecondOverTime: load.timeline.workflows.map((n) => round(n / load.timeline.sliceSeconds, 2)),
      writeRequestsPerSecond: round(writesPerSecond, 2),
      writeLatencyMs: roundSummary(all),
      stepLatencyMs: Object.fromEntries(STEPS.map((s) => [s, roundSummary(steps[s])])),
      rawInsert: { ...raw, perSecond: round(raw.perSecond, 1), seconds: round(raw.seconds, 3) },
      writeToRawInsertRatio: round(ratio, 4),
      cpuCoresBusy:
        run.cpu && Object.fromEntries(Object.entries(run.cpu).map(([k, v]) => [k, v === null ? v : round(v, 3)])),
      cpuMsPerWriteRequest: run.cpu && cpuCost(run.cpu, writesPerSecond, machineInfo.cores),
      requests: load.requests,
      failures: load.failures,
      failureRate,
      workflowsCompletedAllPhases: load.workflowsCompleted,
      registeredInDatabase: run.registeredInDatabase,
      serverExitCode: run.serverExitCode,
      serverOutput: run.serverOutput.slice(0, 50),
    },
    target: { ...TARGET, applies, met },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `workflows-${run.database}.json`);
  // Formatted as the repository's Prettier would, so `prettier --check .` stays clean after a run.
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(JSON.stringify(json, null, 2), { ...options, parser: 'json' }));
  console.log(`  results: ${path.relative(REPO_ROOT, file)}`);
  return { failed: failureRate > settings.maxFailureRate || !integrity || raw.failures > 0 };
}

/** CPU milliseconds per write request, and the rate at which server + database would fill every core. */
function cpuCost(c: CpuUse, writesPerSecond: number, cores: number) {
  if (c.server === null || !(writesPerSecond > 0)) return null;
  const perRequest = (busy: number | null) => ((busy ?? 0) * 1000) / writesPerSecond;
  const serverMs = perRequest(c.server);
  const postgresMs = perRequest(c.postgres);
  return {
    serverMs,
    postgresMs,
    clientMs: perRequest(c.client),
    // The server's JavaScript (and PGlite with it) runs on one thread: at most one core for the server, and
    // server + PostgreSQL together at most every core.
    ceilingWritesPerSecond: Math.min(1000 / serverMs, (cores * 1000) / (serverMs + postgresMs)),
  };
}

function roundSummary(s: LatencySummary) {
  return {
    count: s.count,
    mean: round(s.mean, 2),
    p50: round(s.p50, 2),
    p95: round(s.p95, 2),
    p99: round(s.p99, 2),
    max: round(s.max, 2),
  };
}

async function main(): Promise<number> {
  const m = machine();
  console.log('Lifeline workflow benchmark');
  console.log(
    `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; ` +
      'client, server and database share these cores',
  );
  console.log(
    `settings: BENCH_SECONDS=${settings.seconds} BENCH_WARMUP_SECONDS=${settings.warmupSeconds} ` +
      `BENCH_CONCURRENCY=${settings.concurrency} BENCH_RAW_SECONDS=${settings.rawSeconds} ` +
      `BENCH_DB_POOL_SIZE=${settings.poolSize} BENCH_PROFILE=${settings.profile ? 1 : 0} ` +
      `BENCH_DATABASE_URL=${settings.databaseUrl ? 'set' : 'unset (embedded database only)'}`,
  );
  console.log('workflow: create + DECLARE + VALIDATE as f.katongo, REGISTER as k.mweene (4 write requests)');

  const runs: (() => Promise<DbRun>)[] = [runPglite];
  if (settings.databaseUrl) {
    const url = settings.databaseUrl;
    runs.push(() => runPostgres(url));
  }
  let failed = false;
  for (const run of runs) {
    const load = os.loadavg().map((n) => n.toFixed(2));
    console.log(`\n-- ${run === runPglite ? 'pglite' : 'postgres'} -- (load average before: ${load.join(' ')})`);
    const result = await run();
    failed = (await report(result)).failed || failed;
  }
  if (failed) console.log('\nFAILED: failed requests above 0.1%, or a result check did not hold (see above)');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
