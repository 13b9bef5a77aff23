import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { REPO_ROOT } from '../server.ts';

/**
 * A server's URL: a schema of its own through libpq's `options` parameter, which node-postgres passes on, and
 * an application_name to find the server's backends in pg_stat_activity.
 */
export function serverUrl(url: string, searchPath: string, applicationName: string): string {
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

export interface BenchSchema {
  schema: string;
  /** The schema, then public (where the migrations put the extensions: pg_trgm...). */
  searchPath: string;
  applicationName: string;
  admin: pg.Client;
  /** The server's backends, whose CPU is read from /proc (none when PostgreSQL is on another machine). */
  backendPids(): Promise<number[]>;
  info: { version: string; sync: string; fsync: string; max: string };
  drop(): Promise<void>;
}

/** A fresh schema `bench_<random>` (or `<prefix>_<random>`), dropped by `drop()`. */
export async function freshSchema(url: string, prefix = 'bench'): Promise<BenchSchema> {
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const info = await admin.query<BenchSchema['info']>(
    `SELECT version() AS version, current_setting('synchronous_commit') AS sync, current_setting('fsync') AS fsync,
            current_setting('max_connections') AS max`,
  );
  await admin.query(`CREATE SCHEMA ${schema}`);
  console.log(`  schema ${schema} created`);
  const applicationName = `lifeline-${schema}`;
  const local = isLocal(url);
  return {
    schema,
    searchPath: `${schema},public`,
    applicationName,
    admin,
    info: info.rows[0],
    backendPids: async () => {
      if (!local) return [];
      const res = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ]);
      return res.rows.map((r) => r.pid);
    },
    drop: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((e: unknown) => {
        console.error(`could not drop schema ${schema}: ${e instanceof Error ? e.message : e}`);
      });
      await admin.end();
      console.log(`  schema ${schema} dropped`);
    },
  };
}

/** Migrate the schema in its own process, naming it (see migrate-schema.ts for why the server cannot). */
export async function migrateSchema(url: string, s: BenchSchema): Promise<void> {
  const migrated = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/migrate-schema.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url, BENCH_SCHEMA: s.schema, BENCH_SEARCH_PATH: s.searchPath },
  });
  console.log(`  ${migrated.stdout.trim()}`);
}

export function describePostgres(s: BenchSchema, url: string, poolSize: number): Record<string, unknown> {
  return {
    engine: s.info.version.split(' on ')[0],
    schema: s.schema,
    searchPath: s.searchPath,
    synchronousCommit: s.info.sync,
    fsync: s.info.fsync,
    maxConnections: Number(s.info.max),
    serverPoolSize: poolSize,
    url: url.replace(/\/\/[^@/]*@/, '//***@'),
  };
}
