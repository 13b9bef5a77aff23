import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import type { PhaseTimer } from './phases.ts';
import { advance } from './progress.ts';
import { nextRecords, readActions, toRows, type Log, type RecordRef, type Replayed } from './replay.ts';
import { addWords, insertFacts, insertRows } from './write.ts';

/**
 * Copy every record after position `after` (see reindex_records) into the new table, a batch at a time, as a
 * three-stage pipeline on two connections: while the database writes batch k, this process replays batch k+1 and
 * the database already reads batch k+2. Reads have no effect, and batches are written in order, each with the
 * progress marker, so stopping anywhere is safe. `onBatch` hears of each batch once written; false stops there.
 */
export async function copyRecords(
  ctx: AppContext,
  after: number,
  options: { batch: number; words: Set<string>; timer: PhaseTimer },
  onBatch: (records: number) => boolean,
): Promise<void> {
  const { db } = ctx;
  const { words, timer } = options;
  const read = async (from: number): Promise<Read> => {
    const records = await timer.time('read', () => nextRecords(db, from, options.batch));
    const logs = await timer.time('read actions', () => readActions(db, records));
    return { records, logs, last: records.at(-1)?.n ?? from };
  };
  // (Synchronous: meanwhile the database works on the write and the next read.)
  const replay = (r: Read) => timer.timeSync('replay', () => ({ ...toRows(ctx, r.records, r.logs), last: r.last }));
  let reading = handled(read(after));
  let batch = replay(await reading);
  reading = handled(read(batch.last));
  try {
    while (batch.records.length) {
      const from = after;
      const written = batch;
      const writing = handled(timer.time('write', () => writeBatch(db, written, from, written.last, words)));
      const next = await reading;
      if (next.records.length) reading = handled(read(next.last));
      const replayed = replay(next);
      await writing;
      after = batch.last;
      if (!onBatch(batch.records.length)) return;
      batch = replayed;
    }
  } finally {
    // Leave no query running on a pool the caller may close next.
    await reading.catch(() => undefined);
  }
}

interface Read {
  records: RecordRef[];
  logs: Map<string, Log>;
  last: number;
}

/** The promise itself, marked as handled: it is awaited later, and may fail before then. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * One statement, so atomic without a transaction: the rows, their statistics rows, their words, and the progress marker. No row of these
 * records can be in the new table yet (each batch moves the marker past its records), so nothing to delete first.
 */
async function writeBatch(db: Db, batch: Replayed, from: number, last: number, words: Set<string>) {
  const lexicon = addWords(db, batch.rows, words);
  const facts = insertFacts(batch.rows, sql`EXISTS (SELECT FROM moved)`);
  const { rows } = await sql<{ moved: number }>`
    WITH moved AS (${advance(from, last, batch.records.length)})
    ${batch.rows.length ? sql`, copied AS (${insertRows(batch.rows, sql`EXISTS (SELECT FROM moved)`)})` : sql``}
    ${facts ? sql`, counted AS (${facts})` : sql``}
    ${lexicon ? sql`, words AS (${lexicon})` : sql``}
    SELECT count(*)::int AS moved FROM moved`.execute(db);
  if (rows[0].moved !== 1) throw new Error('another reindex moved the progress marker: it is running, not this one');
}
