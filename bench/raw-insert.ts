import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The database's own ceiling for small write transactions, measured on the same database as the workflows:
 * single-row INSERTs (each one autocommitted transaction: one statement, one commit) of a ~2 KB declaration
 * into a scratch table, dropped afterwards.
 */
export interface RawInsertResult {
  transactions: number;
  seconds: number;
  perSecond: number;
  /** Concurrent sessions that inserted (1 for the embedded database). */
  concurrency: number;
  payloadBytes: number;
  failures: number;
}

const TABLE = 'bench_raw_insert';
const CREATE = `CREATE TABLE ${TABLE} (id uuid PRIMARY KEY, payload jsonb NOT NULL)`;
const INSERT = `INSERT INTO ${TABLE} (id, payload) VALUES ($1, $2::jsonb)`;
const WARMUP_MS = 500;

function payloads(makeDeclaration: () => Record<string, unknown>, count = 512): string[] {
  return Array.from({ length: count }, () => JSON.stringify(makeDeclaration()));
}

const average = (list: string[]) => Math.round(list.reduce((n, s) => n + Buffer.byteLength(s), 0) / list.length);

/** Embedded database (opened on the server's data folder): one session, so the inserts run one after another. */
export async function rawInsertPglite(
  db: PGlite,
  makeDeclaration: () => Record<string, unknown>,
  seconds: number,
): Promise<RawInsertResult> {
  const bodies = payloads(makeDeclaration);
  await db.exec(CREATE);
  let i = 0;
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) await db.query(INSERT, [randomUUID(), bodies[i++ % bodies.length]]);
  let transactions = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    await db.query(INSERT, [randomUUID(), bodies[i++ % bodies.length]]);
    now = performance.now();
    transactions++;
  }
  const elapsed = (now - start) / 1000;
  await db.exec(`DROP TABLE ${TABLE}`);
  return {
    transactions,
    seconds: elapsed,
    perSecond: transactions / elapsed,
    concurrency: 1,
    payloadBytes: average(bodies),
    failures: 0,
  };
}

/**
 * PostgreSQL: on a pg Pool of the server's size (in the run's schema), `concurrency` loops sharing it, counted
 * over a fixed window.
 */
export async function rawInsertPostgres(
  pool: pg.Pool,
  concurrency: number,
  makeDeclaration: () => Record<string, unknown>,
  seconds: number,
): Promise<RawInsertResult> {
  const bodies = payloads(makeDeclaration);
  await pool.query(CREATE);
  const measureStart = performance.now() + WARMUP_MS;
  const measureEnd = measureStart + seconds * 1000;
  let transactions = 0;
  let failures = 0;
  let i = 0;
  const worker = async () => {
    while (performance.now() < measureEnd) {
      try {
        await pool.query(INSERT, [randomUUID(), bodies[i++ % bodies.length]]);
        const t = performance.now();
        if (t >= measureStart && t <= measureEnd) transactions++;
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await pool.query(`DROP TABLE ${TABLE}`);
  return {
    transactions,
    seconds,
    perSecond: transactions / seconds,
    concurrency,
    payloadBytes: average(bodies),
    failures,
  };
}
