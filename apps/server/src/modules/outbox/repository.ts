import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { withOutbox, type JobStatus, type OutboxTable } from './tables.ts';

export type JobRow = Selectable<OutboxTable>;

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  secrets?: Record<string, unknown> | null;
  maxAttempts: number;
  /** Not before this many milliseconds from now. */
  delayMs?: number;
}

export async function insertJob(trx: Db, job: NewJob): Promise<number> {
  const row = await withOutbox(trx)
    .insertInto('outbox')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      secrets: job.secrets ? JSON.stringify(job.secrets) : null,
      max_attempts: job.maxAttempts,
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${(job.delayMs ?? 0) / 1000})`,
      created_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The job's INSERT, from the rows of the named statement before it (`WITH <name> AS (...)`): its payload gets each
 * row's id under `key`. Shared by insertJobAfter and statements that carry jobs among their other writes.
 */
export function jobAfter(job: NewJob, name: string, key: string): RawBuilder<unknown> {
  return sql`INSERT INTO outbox (kind, payload, secrets, max_attempts, next_attempt_at, created_at, updated_at)
    SELECT ${job.kind}, ${JSON.stringify(job.payload)}::jsonb || jsonb_build_object(${key}::text, ${sql.ref(`${name}.id`)}),
           ${job.secrets ? JSON.stringify(job.secrets) : null}::jsonb, ${job.maxAttempts}::int,
           now() + make_interval(secs => ${(job.delayMs ?? 0) / 1000}), now(), now()
    FROM ${sql.table(name)}`;
}

/**
 * Claim up to `limit` due jobs in one statement: rows another copy holds are skipped (SKIP LOCKED), and each
 * claimed job is pushed `leaseMs` into the future, so if this copy dies mid-job another retries it after the lease.
 */
export async function claimDueJobs(db: Db, limit: number, leaseMs: number): Promise<JobRow[]> {
  const result = await sql<JobRow>`
    UPDATE outbox
       SET attempts = attempts + 1,
           next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}),
           updated_at = now()
     WHERE id IN (SELECT id FROM outbox
                   WHERE status = 'pending' AND next_attempt_at <= now()
                   ORDER BY next_attempt_at, id
                   LIMIT ${limit}
                   FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return result.rows;
}

/** Done: the secrets are erased, the row stays for a while as a record of what was sent. */
export async function markSent(db: Db, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await sql`UPDATE outbox SET status = 'sent', secrets = NULL, last_error = NULL, done_at = now(), updated_at = now()
            WHERE id = ANY(${[...ids]}::bigint[])`.execute(db);
}

export async function scheduleRetry(db: Db, id: number, error: string, delayMs: number): Promise<void> {
  await withOutbox(db)
    .updateTable('outbox')
    .set({
      last_error: error,
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Put off without counting the attempt just claimed. */
export async function deferJob(db: Db, id: number, reason: string, delayMs: number): Promise<void> {
  await withOutbox(db)
    .updateTable('outbox')
    .set({
      attempts: sql<number>`greatest(attempts - 1, 0)`,
      last_error: reason,
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Parked: no more attempts until someone retries it. */
export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await withOutbox(db)
    .updateTable('outbox')
    .set({ status: 'failed', last_error: error, done_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  limit: number;
  offset: number;
}

export async function listJobs(db: Db, filter: JobFilter): Promise<{ rows: JobRow[]; total: number }> {
  let q = withOutbox(db).selectFrom('outbox');
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export function findJob(db: Db, id: number): Promise<JobRow | undefined> {
  return withOutbox(db).selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A parked job back in the queue with a fresh set of attempts; only a failed job can be retried. */
export async function requeueFailed(db: Db, id: number): Promise<boolean> {
  const result = await withOutbox(db)
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: sql<Date>`now()`,
      done_at: null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Forget sent jobs older than `days` (their secrets went already; this keeps the table small). */
export async function pruneSent(db: Db, days: number): Promise<number> {
  const result = await withOutbox(db)
    .deleteFrom('outbox')
    .where('status', '=', 'sent')
    .where('done_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
