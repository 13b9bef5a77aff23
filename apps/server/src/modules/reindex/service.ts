import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { PROJECTION_VERSION } from '../events/projection.ts';
import { catchUp } from './catch-up.ts';
import { copyRecords } from './copy.ts';
import { PhaseTimer } from './phases.ts';
import { dropProgress, markCopied, startOrResume } from './progress.ts';
import { FACTS_REBUILD_TABLE, REBUILD_TABLE, REBUILT_TABLES, buildIndexes, dropSuffixes } from './table.ts';

/** Records per batch: a batch's rows are ~5MB of JSON; fewer, larger statements cost less each. */
const BATCH = 2000;
/** maintenance_work_mem of each index build (two at a time on PostgreSQL). */
const INDEX_MEMORY = '256MB';

export interface ReindexProgress {
  done: number;
  total: number;
  recordsPerSecond: number;
  phase: 'copy' | 'indexes' | 'catch-up' | 'done';
}

export interface ReindexOptions {
  onProgress?: (p: ReindexProgress) => void;
  /** Stop after this many records (to test resuming); the next run continues where this one stopped. */
  stopAfter?: number;
  /** Records per batch (tests use small ones). */
  batch?: number;
}

export interface ReindexResult {
  /** Records this run copied (the catch-up's are not counted again). */
  records: number;
  seconds: number;
  completed: boolean;
  /** Seconds by phase; the copy's reading, replaying and writing overlap, so they add up to more than it took. */
  phases: Record<string, number>;
}

/**
 * Rebuild event_index (and the statistics rows, registration_facts) from the action log into new tables, then swap
 * them in. Search reads the old tables throughout; records written meanwhile are caught up; the swap holds a lock
 * only for the last catch-up and the renames. Progress is kept in the database, so an interrupted rebuild resumes where it stopped.
 */
export async function reindex(ctx: AppContext, options: ReindexOptions = {}): Promise<ReindexResult> {
  const { db } = ctx;
  const started = Date.now();
  const timer = new PhaseTimer();
  const batch = options.batch ?? BATCH;
  const progress = await startOrResume(db);
  const { n: total } = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let done = progress.done;
  let copied = 0;
  const report = (phase: ReindexProgress['phase']) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    options.onProgress?.({ done, total: Number(total), recordsPerSecond: Math.round(copied / seconds), phase });
  };
  const result = (completed: boolean) => ({
    records: copied,
    seconds: (Date.now() - started) / 1000,
    completed,
    phases: timer.seconds,
  });
  // The words this run has put in the lexicon already.
  const words = new Set<string>();

  if (!progress.copied) {
    let stopped = false;
    await copyRecords(ctx, progress.last, { batch, words, timer }, (records) => {
      done += records;
      copied += records;
      report('copy');
      stopped = options.stopAfter !== undefined && copied >= options.stopAfter;
      return !stopped;
    });
    if (stopped) return result(false);
    await markCopied(db);
  }

  await timer.time('indexes', () => buildIndexes(db, ctx.dbKind === 'postgres' ? 2 : 1, INDEX_MEMORY));
  report('indexes');
  // Records written while copying: bring them up to date without blocking anyone.
  await timer.time('catch-up', () => catchUp(ctx, db, batch, words));
  await timer.time('analyze', () => sql.raw(`ANALYZE ${REBUILD_TABLE}, ${FACTS_REBUILD_TABLE}`).execute(db));
  report('catch-up');
  await timer.time('swap', () =>
    db.transaction().execute(async (trx) => {
      // Writers wait here for the last few milliseconds; readers keep reading the old table until the rename.
      // (Both at once, in the order every write statement takes them: no deadlock with a writer.)
      await sql`LOCK TABLE event_index, registration_facts IN EXCLUSIVE MODE`.execute(trx);
      await timer.time('swap: catch-up', () => catchUp(ctx, trx, batch, words));
      for (const { live, rebuild } of REBUILT_TABLES) {
        await sql.raw(`ALTER TABLE ${live} RENAME TO ${live}_retired`).execute(trx);
        await sql.raw(`ALTER TABLE ${rebuild} RENAME TO ${live}`).execute(trx);
        await sql.raw(`DROP TABLE ${live}_retired`).execute(trx);
      }
      await dropSuffixes(trx);
      await sql`
        INSERT INTO projection_state (id, version) VALUES (1, ${PROJECTION_VERSION})
        ON CONFLICT (id) DO UPDATE SET version = excluded.version`.execute(trx);
      await dropProgress(trx);
    }),
  );
  report('done');
  return result(true);
}
