import type { Action, EventState } from '@lifeline/domain';
import type { RawBuilder } from 'kysely';
import type { PlannedStep } from './steps.ts';
import type { Db } from '../../db/connect.ts';
import type { AppContext } from '../../context.ts';
import type { AuthUser } from '../auth/types.ts';
import type { NewJob } from '../outbox/index.ts';

/**
 * A committed change of one record, as other modules see it inside the record's own transaction (webhooks,
 * messages to families, integrity anchors): whatever they write commits or rolls back with the change itself.
 */
export interface RecordChange {
  eventId: string;
  eventType: string;
  trackingId: string;
  /** The actions this request wrote, in order (one request may write several, e.g. VALIDATE then REGISTER). */
  actions: Action[];
  /** The record before and after the change (null before a CREATE). */
  before: EventState | null;
  after: EventState;
  version: number;
  actor: AuthUser;
}

/**
 * A job a record change causes, about a row inserted with it (e.g. a family message and its delivery): written by
 * the change's own statement, so it exists if and only if the change commits, at no extra round trip. `row` is a
 * data-modifying statement returning one `id`, which the job's payload gets under `key`.
 */
export interface QueuedJob {
  row: RawBuilder<unknown>;
  key: string;
  job: NewJob;
}

/** The jobs a record change causes (computed before the change is written, from the change itself). */
export type RecordJobSource = (change: RecordChange) => QueuedJob[];

/**
 * Write a change with the jobs it causes (`write` puts them in its statement), then tell the listeners, then nudge
 * the outbox (the jobs become visible to it at commit).
 */
export async function writeChange(
  ctx: Pick<AppContext, 'recordJobs' | 'recordListeners' | 'outbox'>,
  trx: Db,
  change: RecordChange,
  write: (jobs: QueuedJob[]) => Promise<void>,
): Promise<void> {
  const jobs = (ctx.recordJobs ?? []).flatMap((source) => source(change));
  await write(jobs);
  await announceChange(ctx.recordListeners, trx, change);
  if (jobs.length) ctx.outbox?.kick();
}

/** Called for every record change, in the write transaction, after the change is written; a throw rolls it back. */
export type RecordChangeListener = (trx: Db, change: RecordChange) => Promise<void>;

/** Tell every listener, in registration order. */
export async function announceChange(
  listeners: readonly RecordChangeListener[] | undefined,
  trx: Db,
  change: RecordChange,
): Promise<void> {
  for (const listener of listeners ?? []) await listener(trx, change);
}

/**
 * Called in the write transaction after every check of an action and before anything is written: may refuse the
 * change (a throw rolls back, e.g. a 400) or add facts to the planned actions' content, which the hash chain then
 * covers. It must not write to the record's audit stream.
 */
export type BeforeRecordWrite = (
  trx: Db,
  record: { eventId: string; eventType: string; before: EventState },
  steps: PlannedStep[],
) => Promise<void>;
