import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { findJob, insertJob, listJobs, requeueFailed, type JobFilter, type JobRow } from './repository.ts';

/** Attempts before a job is parked as failed (8 attempts from 10 s doubling: about 20 minutes of trying). */
export const DEFAULT_MAX_ATTEMPTS = 8;

export interface EnqueueOptions {
  secrets?: Record<string, unknown>;
  maxAttempts?: number;
  delayMs?: number;
}

/**
 * Add a job in the caller's transaction: it exists if and only if what caused it commits. Call `ctx.outbox?.kick()`
 * after the commit for it to go out at once rather than at the next poll.
 */
export function enqueue(
  trx: Db,
  kind: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<number> {
  return insertJob(trx, {
    kind,
    payload,
    secrets: options.secrets ?? null,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    delayMs: options.delayMs,
  });
}

/** A job as operators see it: never its secrets. */
export function jobView(row: JobRow) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    doneAt: row.done_at?.toISOString() ?? null,
  };
}

export async function listOutbox(ctx: AppContext, filter: JobFilter) {
  const { rows, total } = await listJobs(ctx.db, filter);
  return { results: rows.map(jobView), total };
}

/** Put a parked job back in the queue (audited: who asked for another try). */
export async function retryJob(ctx: AppContext, user: AuthUser, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const job = await findJob(trx, id);
    if (!job) throw notFound(`no job ${id}`);
    if (!(await requeueFailed(trx, id))) throw conflict(`job ${id} is ${job.status}: only failed jobs can be retried`);
    await appendAudit(trx, {
      stream: `outbox:${id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'outbox.RETRY',
      subjectType: 'outbox',
      subjectId: String(id),
      details: { kind: job.kind, lastError: job.last_error },
    });
  });
  ctx.outbox?.kick();
  return jobView((await findJob(ctx.db, id))!);
}
