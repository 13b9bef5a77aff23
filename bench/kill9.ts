/**
 * `npm run bench:kill9`: SIGKILL the server under write load, several times, on the embedded database and (with
 * BENCH_DATABASE_URL) on a PostgreSQL server. Clients keep every request's transactionId; after each kill the server
 * is started again and every request that got no answer is sent again with the same transactionId until it is
 * answered. At the end, from the database itself: acknowledged writes lost (0 expected), writes done twice (0
 * expected), registration numbers issued twice (0), and what verify-log says.
 * BENCH_KILLS (3), BENCH_USERS (8), BENCH_LOAD_SECONDS (3: the load before each kill, randomised ±50%).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_FILES } from '@lifeline/farajaland/fixtures';
import { sql } from 'kysely';
import pg from 'pg';
import { prepareCountry } from '../apps/server/src/country.ts';
import { connectDatabase } from '../apps/server/src/db/connect.ts';
import { loadCountry } from '../apps/server/src/load-country.ts';
import { verifyRegister } from '../apps/server/src/modules/audit/verify.ts';
import { existingCertificateKeys } from '../apps/server/src/modules/verify/keys.ts';
import { declarationFactory } from './declarations.ts';
import { Api, Session } from './http.ts';
import { startServer, type ServerProcess } from './server.ts';

const KILLS = Number(process.env.BENCH_KILLS ?? 3);
const USERS = Number(process.env.BENCH_USERS ?? 8);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 3);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Write {
  kind: 'create' | 'register';
  transactionId: string;
  path: string;
  body: Record<string, unknown>;
  eventId?: string;
  acknowledged: boolean;
}

interface Target {
  name: string;
  dataDir: string;
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

async function login(server: ServerProcess) {
  const api = new Api(server.origin, USERS + 2);
  const registrar = await Session.login(api, 'k.mweene');
  return { api, registrar };
}

async function runTarget(target: Target) {
  const writes: Write[] = [];
  const makeDeclaration = declarationFactory();
  let server = await startServer({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, poolSize: 8 });
  let { api, registrar } = await login(server);
  for (const file of FIXTURE_FILES) {
    const res = await api.upload(Buffer.from(file.content, 'latin1'), file.type, registrar.accessToken);
    if (res.status !== 201) throw new Error(`upload ${file.name}: ${res.status} ${res.text}`);
  }
  const send = async (w: Write): Promise<boolean> => {
    try {
      const res = await api.post(w.path, w.body, registrar.accessToken);
      if (res.status === 200 || res.status === 201) {
        w.acknowledged = true;
        if (w.kind === 'create') w.eventId = (res.json as { id: string }).id;
        return true;
      }
      throw new Error(`${w.kind}: ${res.status} ${res.text.slice(0, 200)}`);
    } catch (error) {
      if (error instanceof Error && /^(create|register):/.test(error.message)) throw error;
      return false; // no answer: the server is gone
    }
  };
  let retried = 0;
  for (let kill = 1; kill <= KILLS + 1; kill++) {
    let alive = true;
    const user = async () => {
      while (alive) {
        const create: Write = {
          kind: 'create',
          transactionId: randomUUID(),
          path: '/api/events',
          body: { type: 'birth' },
          acknowledged: false,
        };
        create.body.transactionId = create.transactionId;
        writes.push(create);
        if (!(await send(create))) return;
        const register: Write = {
          kind: 'register',
          transactionId: randomUUID(),
          path: `/api/events/${create.eventId}/actions/REGISTER`,
          body: { declaration: makeDeclaration() },
          acknowledged: false,
        };
        register.body.transactionId = register.transactionId;
        writes.push(register);
        if (!(await send(register))) return;
      }
    };
    const users = Array.from({ length: USERS }, user);
    await sleep(LOAD_SECONDS * 1000 * (0.5 + Math.random()));
    if (kill > KILLS) {
      alive = false;
      await Promise.all(users);
      break;
    }
    process.kill(server.pid, 'SIGKILL');
    alive = false;
    await Promise.all(users);
    await api.close();
    registrar.stop();
    server = await startServer({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, poolSize: 8 });
    ({ api, registrar } = await login(server));
    // Every request that got no answer, again with its transactionId, until it is answered.
    for (const w of writes.filter((x) => !x.acknowledged)) {
      retried++;
      if (!(await send(w))) throw new Error(`${w.kind} ${w.transactionId}: no answer from the restarted server`);
    }
    console.log(`  kill ${kill}: ${writes.length} writes so far, ${retried} sent again after kills`);
  }
  registrar.stop();
  await api.close();
  await server.stop();

  const handle = await connectDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, poolSize: 2 });
  try {
    const db = handle.db;
    const acknowledged = writes.filter((w) => w.acknowledged);
    const ids = acknowledged.map((w) => w.transactionId);
    const found = await sql<{ transaction_id: string; n: number }>`
      SELECT transaction_id, count(*)::int AS n FROM event_actions
      WHERE transaction_id = ANY(${ids}::text[]) AND type IN ('CREATE', 'REGISTER') GROUP BY transaction_id`.execute(
      db,
    );
    const count = new Map(found.rows.map((r) => [r.transaction_id, r.n]));
    const lost = ids.filter((id) => !count.get(id)).length;
    const duplicated = [...count.values()].filter((n) => n > 1).length;
    const numbers = await sql<{ n: number; d: number }>`
      SELECT count(*)::int AS n, count(DISTINCT registration_number)::int AS d FROM event_actions
      WHERE registration_number IS NOT NULL`.execute(db);
    const keys = await existingCertificateKeys({ dataDir: target.dataDir });
    const report = await verifyRegister({ db, country: prepareCountry(await loadCountry()) }, keys!);
    const result = {
      kills: KILLS,
      writes: writes.length,
      acknowledged: acknowledged.length,
      sentAgain: retried,
      lost,
      duplicated,
      numbersIssuedTwice: numbers.rows[0].n - numbers.rows[0].d,
      verifyLogProblems: report.problems.length,
    };
    console.log(`  ${target.name}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await handle.close();
  }
}

async function main() {
  console.log(
    `bench:kill9: ${KILLS} kills, ${USERS} users, ~${LOAD_SECONDS} s of load before each; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${os.cpus().length} CPUs`,
  );
  const targets: Target[] = [];
  const embeddedDir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-kill9-'));
  targets.push({
    name: 'embedded (PGlite)',
    dataDir: embeddedDir,
    cleanup: async () => rmSync(embeddedDir, { recursive: true, force: true }),
  });
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const schema = `bench_kill9_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    for (const e of ['pg_trgm', 'fuzzystrmatch', 'unaccent']) {
      await admin.query(`CREATE EXTENSION IF NOT EXISTS ${e} SCHEMA public`).catch(() => undefined);
    }
    await admin.end();
    const url = new URL(serverUrl);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-kill9-pg-'));
    targets.push({
      name: 'PostgreSQL server',
      dataDir,
      databaseUrl: url.href,
      cleanup: async () => {
        rmSync(dataDir, { recursive: true, force: true });
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    });
  } else console.log('(set BENCH_DATABASE_URL to run it on a PostgreSQL server too)');
  let bad = 0;
  for (const target of targets) {
    console.log(`\n${target.name}`);
    try {
      const r = await runTarget(target);
      bad += r.lost + r.duplicated + r.numbersIssuedTwice + r.verifyLogProblems;
    } finally {
      await target.cleanup();
    }
  }
  console.log(
    `\nload average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  process.exit(bad ? 1 : 0);
}

void main();
