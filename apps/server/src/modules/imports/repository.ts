import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { addToLexicon } from '../search/lexicon.ts';
import { withFacts } from '../statistics/tables.ts';
import type { BuiltRecord } from './build.ts';
import { withImports, type ImportRow } from './tables.ts';

export function findImport(db: Db, key: { sha256: string; eventType: string; format: string }) {
  return withImports(db)
    .selectFrom('imports')
    .selectAll()
    .where('sha256', '=', key.sha256)
    .where('event_type', '=', key.eventType)
    .where('format', '=', key.format)
    .executeTakeFirst();
}

export function readImport(db: Db, id: string): Promise<ImportRow | undefined> {
  return withImports(db).selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertImport(
  db: Db,
  row: {
    id: string;
    eventType: string;
    format: string;
    fileName: string;
    sha256: string;
    bytes: number;
    startedBy: string;
    startedByRole: string;
    office: string | null;
  },
): Promise<void> {
  const now = new Date();
  await withImports(db)
    .insertInto('imports')
    .values({
      id: row.id,
      event_type: row.eventType,
      format: row.format,
      file_name: row.fileName,
      sha256: row.sha256,
      bytes: row.bytes,
      status: 'running',
      started_by: row.startedBy,
      started_by_role: row.startedByRole,
      started_at_office: row.office,
      started_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['sha256', 'event_type', 'format']).doNothing())
    .execute();
}

export async function setStatus(db: Db, id: string, status: 'running' | 'done' | 'failed', error: string | null) {
  const now = new Date();
  await withImports(db)
    .updateTable('imports')
    .set({ status, error, updated_at: now, finished_at: status === 'running' ? null : now })
    .where('id', '=', id)
    .execute();
}

/** What the register already holds of a batch: rows done by an earlier run, numbers taken, likely duplicates. */
export interface RegisterFacts {
  doneTransactions: Set<string>;
  takenNumbers: Set<string>;
  /** `date|names` -> registration number of a record already there. */
  existing: Map<string, string>;
  takenTrackingIds: Set<string>;
}

export const duplicateKey = (date: string | null, names: string) => `${date}|${names}`;

/**
 * Lock the event type's registration counter (shared: imports run side by side, a REGISTER waits until this batch
 * commits, and then its number skips the imported ones), and read what the register holds of the batch.
 */
export async function lockAndRead(trx: Db, eventType: string, batch: BuiltRecord[]): Promise<RegisterFacts> {
  await sql`INSERT INTO registration_counters (event_type, last) VALUES (${eventType}, 0) ON CONFLICT DO NOTHING`.execute(
    trx,
  );
  await sql`SELECT last FROM registration_counters WHERE event_type = ${eventType} FOR SHARE`.execute(trx);
  const transactions = batch.map((b) => b.transactionId);
  const numbers = batch.map((b) => b.registrationNumber);
  const dated = batch.filter((b) => b.dateOfEvent);
  const [done, taken, existing, tracking] = await Promise.all([
    sql<{ t: string }>`
      SELECT transaction_id AS t FROM event_actions
      WHERE type = 'CREATE' AND transaction_id = ANY(${transactions}::text[])`.execute(trx),
    sql<{ n: string }>`
      SELECT registration_number AS n FROM event_actions WHERE registration_number = ANY(${numbers}::text[])`.execute(
      trx,
    ),
    dated.length
      ? sql<{ d: string; names: string; n: string | null }>`
          SELECT to_char(date_of_event, 'YYYY-MM-DD') AS d, names, registration_number AS n FROM event_index
          WHERE type = ${eventType} AND date_of_event = ANY(${dated.map((b) => b.dateOfEvent)}::date[])
            AND names = ANY(${dated.map((b) => b.names)}::text[])`.execute(trx)
      : Promise.resolve({ rows: [] as Array<{ d: string; names: string; n: string | null }> }),
    sql<{ t: string }>`
      SELECT tracking_id AS t FROM events WHERE tracking_id = ANY(${batch.map((b) => b.event.tracking_id)}::text[])`.execute(
      trx,
    ),
  ]);
  return {
    doneTransactions: new Set(done.rows.map((r) => r.t)),
    takenNumbers: new Set(taken.rows.map((r) => r.n)),
    existing: new Map(existing.rows.map((r) => [duplicateKey(r.d, r.names), r.n ?? '(no number)'])),
    takenTrackingIds: new Set(tracking.rows.map((r) => r.t)),
  };
}

/** Largest rows per INSERT: under PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK = 1000;
function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Write a batch's records (every table a registration writes) and its refusals, and move the import's mark. */
export async function writeBatch(
  trx: Db,
  importId: string,
  records: BuiltRecord[],
  refusals: Array<{ row: number; registrationNumber: string | null; reasons: string[] }>,
  progress: { lastRow: number; skipped: number; bytesRead: number },
): Promise<void> {
  for (const part of chunks(records)) {
    await trx
      .insertInto('events')
      .values(part.map((r) => r.event))
      .execute();
    await trx
      .insertInto('event_actions')
      .values(part.flatMap((r) => r.actions))
      .execute();
    await trx
      .insertInto('event_index')
      .values(part.map((r) => r.index))
      .execute();
    const facts = part.flatMap((r) => (r.facts ? [r.facts] : []));
    if (facts.length) await withFacts(trx).insertInto('registration_facts').values(facts).execute();
    await trx
      .insertInto('audit_log')
      .values(part.map((r) => r.audit))
      .execute();
  }
  const words = records.flatMap((r) => (r.index.name_words as string[] | undefined) ?? []);
  for (const part of chunks([...new Set(words)], 5000)) await addToLexicon(trx, part)?.execute();
  if (refusals.length) {
    await withImports(trx)
      .insertInto('import_refusals')
      .values(
        refusals.map((r) => ({
          import_id: importId,
          row: r.row,
          registration_number: r.registrationNumber,
          reasons: r.reasons,
        })),
      )
      .onConflict((oc) => oc.columns(['import_id', 'row']).doNothing())
      .execute();
  }
  await withImports(trx)
    .updateTable('imports')
    .set((eb) => ({
      rows: progress.lastRow,
      imported: eb('imported', '+', records.length),
      refused: eb('refused', '+', refusals.length),
      skipped: eb('skipped', '+', progress.skipped),
      bytes_read: progress.bytesRead,
      updated_at: new Date(),
    }))
    .where('id', '=', importId)
    .execute();
}

/** The refused rows of an import, in row order, a page at a time. */
export function refusalsAfter(db: Db, importId: string, afterRow: number, limit: number) {
  return withImports(db)
    .selectFrom('import_refusals')
    .select(['row', 'registration_number', 'reasons'])
    .where('import_id', '=', importId)
    .where('row', '>', afterRow)
    .orderBy('row')
    .limit(limit)
    .execute();
}
