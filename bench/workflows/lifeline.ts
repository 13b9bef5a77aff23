import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { FIXTURE_FILES } from '@lifeline/farajaland/fixtures';
import { Api, Session } from '../http.ts';
import { rawInsertPglite, rawInsertPostgres } from '../raw-insert.ts';
import { REPO_ROOT, startServer } from '../server.ts';
import { round } from '../stats.ts';
import { birthsFactory } from './births.ts';
import { measure, type Run } from './measure.ts';
import { describePostgres, freshSchema, migrateSchema, serverUrl } from './postgres.ts';
import { RESULTS_DIR, settings } from './settings.ts';

const REGISTERED = `SELECT count(*)::int AS n FROM event_index WHERE status = 'REGISTERED'`;
/** The raw inserts' declaration: a generated birth (the same size as the workflows'). */
const rawDeclaration = () => {
  const births = birthsFactory(0);
  return () => births.next().declaration;
};

type Measured = Omit<Run, 'raw' | 'registeredInDatabase' | 'details'>;

/** Start Lifeline's server, log in each user once, run the load, stop the server. */
async function runLifeline(
  name: 'pglite' | 'postgres',
  dataDir: string,
  serverDatabaseUrl: string | undefined,
  backendPids: () => Promise<number[]> = async () => [],
): Promise<Measured> {
  const profileDir = settings.profile ? path.join(RESULTS_DIR, 'profiles', name) : undefined;
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
  const births = birthsFactory(settings.duplicateShare);
  let stopped = false;
  try {
    const agent = await Session.login(api, 'f.katongo');
    const registrar = await Session.login(api, 'k.mweene');
    // The fixture declaration's documents: stored under the content addresses its file values name.
    for (const file of FIXTURE_FILES) {
      const res = await api.upload(Buffer.from(file.content, 'latin1'), file.type, agent.accessToken);
      if (res.status !== 201) throw new Error(`upload ${file.name}: ${res.status} ${res.text}`);
    }
    const { load, cpu } = await measure(api, {
      serverPid: server.pid,
      agent,
      registrar,
      births,
      detectsDuplicates: true,
      backendPids,
    });
    agent.stop();
    registrar.stop();
    await api.close();
    const serverExitCode = await server.stop();
    stopped = true;
    if (profileDir) console.log(`  server CPU profile written to ${path.relative(REPO_ROOT, profileDir)}/`);
    return {
      name,
      load,
      cpu,
      serverExitCode,
      serverOutput: server.output,
      refreshErrors: [...agent.refreshErrors, ...registrar.refreshErrors],
      births: births.distinct(),
    };
  } finally {
    if (!stopped) {
      await api.close().catch(() => undefined);
      await server.stop();
    }
  }
}

export async function runPglite(): Promise<Run> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-bench-'));
  try {
    const run = await runLifeline('pglite', dataDir, undefined);
    console.log(`  raw inserts: ${settings.rawSeconds} s, sequential (one embedded session)`);
    const db = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata') });
    try {
      const registered = await db.query<{ n: number }>(REGISTERED);
      const raw = await rawInsertPglite(db, rawDeclaration(), settings.rawSeconds);
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

export async function runPostgres(url: string): Promise<Run> {
  const s = await freshSchema(url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-bench-'));
  try {
    await migrateSchema(url, s);
    const run = await runLifeline('postgres', dataDir, serverUrl(url, s.searchPath, s.applicationName), s.backendPids);
    console.log(
      `  raw inserts: ${settings.rawSeconds} s, ${settings.concurrency} loops on a pool of ${settings.poolSize}`,
    );
    const pool = new pg.Pool({
      connectionString: url,
      max: settings.poolSize,
      options: `-c search_path=${s.searchPath}`,
    });
    try {
      const registered = await pool.query<{ n: number }>(REGISTERED);
      const raw = await rawInsertPostgres(pool, settings.concurrency, rawDeclaration(), settings.rawSeconds);
      return {
        ...run,
        raw,
        registeredInDatabase: registered.rows[0].n,
        details: describePostgres(s, url, settings.poolSize),
      };
    } finally {
      await pool.end();
    }
  } finally {
    await s.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
