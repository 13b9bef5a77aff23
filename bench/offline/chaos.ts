import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { connectDatabase } from '../../apps/server/src/db/connect.ts';
import { startServer, type ServerProcess } from '../server.ts';
import { ChaosProxy, prng, type ChaosCounts, type ChaosRates } from './chaos-proxy.ts';
import { Device } from './device.ts';
import { submission, type Submission } from './submissions.ts';

/** Staff who declare births, at hospitals and offices: each device signs in as one of them. */
const DECLARERS = ['k.bwalya', 'm.mazoka', 'f.katongo', 'c.tayali', 'k.simbaya'];

export interface ChaosOptions {
  submissions: number;
  devices: number;
  rates: ChaosRates;
  /** Restart the server (kill it) once this share of the submissions has arrived; 0: never. */
  restartAt: number;
  /** A PostgreSQL server to run on (a fresh database is made on it); absent: the embedded database. */
  databaseUrl?: string;
  /** Queued on a device before it sends: a morning's work in the field. */
  batch: number;
  seed: number;
  log?(line: string): void;
}

export interface ChaosReport {
  database: 'pglite' | 'postgres';
  submissions: number;
  records: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  documents: number;
  documentsIntact: number;
  refused: string[];
  restarts: number;
  seconds: number;
  proxy: ChaosCounts;
}

/** A fresh database on the PostgreSQL server for one run, dropped after. */
async function freshDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lifeline_chaos_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Submissions from Node devices running the web app's outbox code, through a proxy that drops, delays,
 * duplicates and cuts, with a server restart half way; then the register is read back: every submission must
 * be there exactly once, with every document byte for byte.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-chaos-'));
  const database = options.databaseUrl ? await freshDatabase(options.databaseUrl) : undefined;
  const start = () => startServer({ dataDir, databaseUrl: database?.url, poolSize: 8 });
  let server: ServerProcess = await start();
  const proxy = new ChaosProxy(server.origin, options.rates, options.seed);
  const via = await proxy.start();
  const run = `chaos-${randomBytes(3).toString('hex')}`;
  const random = prng(options.seed + 1);
  const started = performance.now();
  let arrived = 0;
  let restarts = 0;
  let restarting: Promise<void> | null = null;
  const refused: string[] = [];
  const expected = new Map<string, Submission>();

  const restartIfDue = () => {
    if (restarts > 0 || !options.restartAt || arrived < options.restartAt * options.submissions) return;
    restarts += 1;
    restarting = (async () => {
      log(`restarting the server after ${arrived} submissions`);
      // A real crash on PostgreSQL; the embedded database gets a clean stop (it is the process's own files).
      if (database) process.kill(server.pid, 'SIGKILL');
      await server.stop();
      server = await start();
      proxy.retarget(server.origin);
    })();
  };

  try {
    const devices = Array.from(
      { length: options.devices },
      (_, i) =>
        new Device({
          name: `${run}-device-${i}`,
          username: DECLARERS[i % DECLARERS.length],
          via,
          server: () => server.origin,
          requestTimeoutMs: 20_000,
          backoff: { baseMs: 20, maxMs: 1_000 },
          random,
        }),
    );
    const deadline = Date.now() + 60 * 60_000;
    await Promise.all(
      devices.map(async (device, d) => {
        const mine: number[] = [];
        for (let n = d; n < options.submissions; n += options.devices) mine.push(n);
        for (let i = 0; i < mine.length; i += options.batch) {
          for (const n of mine.slice(i, i + options.batch)) {
            const s = submission(run, n);
            expected.set(s.marker, s);
            await device.queue(
              {
                type: 'birth',
                action: 'DECLARE',
                createTransactionId: `${run}-create-${n}`,
                transactionId: `${run}-declare-${n}`,
                declaration: s.declaration,
                title: s.marker,
              },
              s.documents,
            );
          }
          refused.push(...(await device.drain(deadline)));
          arrived += Math.min(options.batch, mine.length - i);
          restartIfDue();
          if (d === 0 && i % (options.batch * 10) === 0) log(`${arrived}/${options.submissions} arrived`);
        }
      }),
    );
    await restarting;
    const seconds = (performance.now() - started) / 1000;
    await proxy.stop();
    await server.stop();
    const check = await readBack(dataDir, database?.url, run, expected);
    return {
      database: database ? 'postgres' : 'pglite',
      submissions: options.submissions,
      ...check,
      refused,
      restarts,
      seconds,
      proxy: proxy.counts,
    };
  } finally {
    await proxy.stop().catch(() => undefined);
    await server.stop().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Read the register directly: records of this run by their marker, and each document's stored bytes. */
async function readBack(
  dataDir: string,
  databaseUrl: string | undefined,
  run: string,
  expected: Map<string, Submission>,
) {
  const handle = await connectDatabase(databaseUrl ? { databaseUrl, poolSize: 2 } : { dataDir });
  try {
    const { rows } = await sql<{ marker: string; status: string; declaration: Record<string, unknown> }>`
      SELECT declaration->>'review.comment' AS marker, status, declaration FROM event_index`.execute(handle.db);
    const events = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(handle.db);
    const seen = new Map<string, number>();
    let documents = 0;
    let intact = 0;
    let unexpected = 0;
    for (const row of rows) {
      const s = expected.get(row.marker);
      if (!s || !row.marker.startsWith(run) || row.status !== 'DECLARED') {
        unexpected += 1;
        continue;
      }
      seen.set(row.marker, (seen.get(row.marker) ?? 0) + 1);
      for (const doc of s.documents) {
        documents += 1;
        const value = row.declaration[doc.field];
        const stored = (Array.isArray(value) ? value[0] : value) as { path?: string } | undefined;
        const id = stored?.path?.replace('/api/files/', '');
        if (id !== doc.sha256) continue;
        const file = await sql<{ data: Uint8Array }>`SELECT data FROM files WHERE id = ${id}`.execute(handle.db);
        const data = file.rows[0]?.data;
        if (data && createHash('sha256').update(data).digest('hex') === doc.sha256) intact += 1;
      }
    }
    // A record created and never declared (an orphan of a lost answer) would count here too.
    unexpected += Number(events.rows[0].n) - rows.length;
    return {
      records: [...seen.values()].reduce((a, b) => a + b, 0),
      lost: [...expected.keys()].filter((m) => !seen.has(m)).length,
      duplicated: [...seen.values()].filter((c) => c > 1).length,
      unexpected,
      documents,
      documentsIntact: intact,
    };
  } finally {
    await handle.close();
  }
}
