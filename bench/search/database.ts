import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readEnv } from '../../apps/server/src/lib/env.ts';
import { createRuntime, type Runtime } from '../../apps/server/src/server.ts';

/**
 * The benchmark's database: on PostgreSQL a schema of its own (`bench_search_<random>`, search_path
 * `<schema>,public` so the extensions the migrations install in public are found), on the embedded database a
 * temp DATA_DIR. The server's own runtime (country, migrations, locations) runs on it, without demo users.
 */
export interface BenchDatabase {
  kind: 'pglite' | 'postgres';
  runtime: Runtime;
  /** Environment for a `lifeline` CLI command on this database. */
  cliEnv: Record<string, string>;
  details: Record<string, unknown>;
  /** Close the runtime (the embedded database allows one process at a time) and reopen it afterwards. */
  reopen(): Promise<Runtime>;
  closeRuntime(): Promise<void>;
  /** Close, and drop the schema / delete the folder unless `keep`. */
  dispose(keep: boolean): Promise<void>;
}

function env(dataDir: string) {
  return readEnv({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    SEED_DEMO_USERS: 'false',
    DATA_DIR: dataDir,
  });
}

/** `reuse`: the DATA_DIR of a run kept with BENCH_KEEP=1 (measure it again without seeding). */
export async function openPglite(reuse?: string): Promise<BenchDatabase> {
  const dataDir = reuse ?? mkdtempSync(path.join(os.tmpdir(), 'lifeline-bench-search-'));
  const open = () => createRuntime(env(dataDir), { database: { dataDir }, ephemeralKeys: true });
  let runtime: Runtime | null = await open();
  const db: BenchDatabase = {
    kind: 'pglite',
    runtime,
    cliEnv: { DATA_DIR: dataDir },
    details: { engine: 'PGlite (embedded, in this process)', dataDir },
    reopen: async () => {
      runtime = await open();
      db.runtime = runtime;
      return runtime;
    },
    closeRuntime: async () => {
      await runtime?.close();
      runtime = null;
    },
    dispose: async (keep) => {
      await runtime?.close();
      runtime = null;
      if (keep) console.log(`  kept the data folder ${dataDir}`);
      else rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return db;
}

/** The URL a child process uses: the schema through libpq's `options`, as bench/workflows.ts does. */
function urlWithSearchPath(url: string, searchPath: string, applicationName: string): string {
  if (/[?&](options|application_name)=/.test(url)) {
    throw new Error('BENCH_DATABASE_URL must not have "options" or "application_name" parameters already');
  }
  const options = encodeURIComponent(`-c search_path=${searchPath}`);
  return `${url}${url.includes('?') ? '&' : '?'}options=${options}&application_name=${applicationName}`;
}

/** `reuse`: the schema of a run kept with BENCH_KEEP=1 (measure it again without seeding). */
export async function openPostgres(url: string, poolSize: number, reuse?: string): Promise<BenchDatabase> {
  if (reuse && !/^bench_search_[0-9a-f]+$/.test(reuse)) throw new Error(`not a bench schema: "${reuse}"`);
  const schema = reuse ?? `bench_search_${randomBytes(5).toString('hex')}`;
  const searchPath = `${schema},public`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const info = await admin.query<Record<string, string>>(
    `SELECT version() AS version, current_setting('shared_buffers') AS shared_buffers,
            current_setting('work_mem') AS work_mem, current_setting('max_parallel_workers_per_gather') AS parallel,
            current_setting('synchronous_commit') AS sync, current_setting('effective_cache_size') AS cache`,
  );
  if (!reuse) await admin.query(`CREATE SCHEMA ${schema}`);
  // As the test harness does: the extensions once, in public, before the migrations ask for them.
  for (const extension of ['pg_trgm', 'fuzzystrmatch', 'unaccent']) {
    await admin.query(`CREATE EXTENSION IF NOT EXISTS ${extension} SCHEMA public`).catch(() => undefined);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-bench-search-'));
  const open = () =>
    createRuntime(env(dataDir), {
      database: { databaseUrl: url, searchPath, poolSize },
      ephemeralKeys: true,
    });
  let runtime: Runtime | null;
  try {
    runtime = await open();
  } catch (error) {
    if (!reuse) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
    throw error;
  }
  const row = info.rows[0];
  const db: BenchDatabase = {
    kind: 'postgres',
    runtime,
    cliEnv: { DATABASE_URL: urlWithSearchPath(url, searchPath, `lifeline-${schema}-cli`), DATA_DIR: dataDir },
    details: {
      engine: row.version.split(' on ')[0],
      schema,
      searchPath,
      sharedBuffers: row.shared_buffers,
      workMem: row.work_mem,
      effectiveCacheSize: row.cache,
      maxParallelWorkersPerGather: Number(row.parallel),
      synchronousCommit: row.sync,
      poolSize,
      url: url.replace(/\/\/[^@/]*@/, '//***@'),
    },
    reopen: async () => {
      runtime = await open();
      db.runtime = runtime;
      return runtime;
    },
    closeRuntime: async () => {
      await runtime?.close();
      runtime = null;
    },
    dispose: async (keep) => {
      await runtime?.close();
      runtime = null;
      if (keep) console.log(`  kept the schema ${schema}`);
      else {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((e: unknown) => {
          console.error(`could not drop schema ${schema}: ${e instanceof Error ? e.message : e}`);
        });
      }
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return db;
}
