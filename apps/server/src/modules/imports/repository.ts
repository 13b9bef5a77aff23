import { CompiledQuery } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { lexiconRows } from '../search/lexicon.ts';
import { READ_REGISTER, WRITE_BATCH } from './batch-sql.ts';
import type { BuiltRecord } from './build.ts';
import { withImports, type ImportDuplicatesTable, type ImportRow } from './tables.ts';

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
 * Read what the register holds of a batch: one statement of constant text, whatever the batch's size. A new
 * registration racing the batch for a number it imports fails on the number's unique key and draws the next one.
 */
export async function readRegister(trx: Db, eventType: string, batch: BuiltRecord[]): Promise<RegisterFacts> {
  const dated = batch.filter((b) => b.dateOfEvent);
  const { rows } = await trx.executeQuery<{ kind: string; key: string; number: string | null }>(
    CompiledQuery.raw(READ_REGISTER, [
      batch.map((b) => b.transactionId),
      batch.map((b) => b.registrationNumber),
      eventType,
      dated.map((b) => b.dateOfEvent),
      dated.map((b) => b.names),
      batch.map((b) => b.event.tracking_id),
    ]),
  );
  const facts: RegisterFacts = {
    doneTransactions: new Set(),
    takenNumbers: new Set(),
    existing: new Map(),
    takenTrackingIds: new Set(),
  };
  for (const r of rows) {
    if (r.kind === 'done') facts.doneTransactions.add(r.key);
    else if (r.kind === 'number') facts.takenNumbers.add(r.key);
    else if (r.kind === 'same') facts.existing.set(r.key, r.number ?? '(no number)');
    else facts.takenTrackingIds.add(r.key);
  }
  return facts;
}

export interface Refused {
  row: number;
  registrationNumber: string | null;
  reasons: string[];
}

/** An imported row that the country's duplicate rules matched with a record (reported, never merged). */
export type PossibleDuplicate = Omit<ImportDuplicatesTable, 'import_id'>;

/**
 * Write a batch's records (every table a registration writes), its refusals, and move the import's mark: one
 * statement (batch-sql.ts), the rows as JSON.
 */
export async function writeBatch(
  trx: Db,
  importId: string,
  records: BuiltRecord[],
  refusals: Refused[],
  progress: { lastRow: number; skipped: number; bytesRead: number },
  duplicates: PossibleDuplicate[] = [],
): Promise<void> {
  const words = new Set<string>();
  for (const r of records) for (const w of (r.index.name_words as string[] | undefined) ?? []) words.add(w);
  const lexicon = lexiconRows([...words]);
  await trx.executeQuery(
    CompiledQuery.raw(WRITE_BATCH, [
      JSON.stringify(records.map((r) => r.event)),
      JSON.stringify(records.flatMap((r) => r.actions)),
      JSON.stringify(records.map((r) => r.index)),
      JSON.stringify(records.flatMap((r) => (r.facts ? [r.facts] : []))),
      JSON.stringify(records.map((r) => r.audit)),
      JSON.stringify(lexicon ? lexicon.keys.map((key, i) => ({ key, word: lexicon.words[i] })) : []),
      JSON.stringify(
        refusals.map((r) => ({ row: r.row, registration_number: r.registrationNumber, reasons: r.reasons })),
      ),
      importId,
      progress.lastRow,
      records.length,
      refusals.length,
      progress.skipped,
      progress.bytesRead,
      JSON.stringify(duplicates),
      new Set(duplicates.map((d) => d.row)).size,
    ]),
  );
}

/** The possible duplicates an import reported, in row order, a page at a time (after `afterRow`). */
export function duplicatesAfter(db: Db, importId: string, afterRow: number, limit: number) {
  return withImports(db)
    .selectFrom('import_duplicates')
    .selectAll()
    .where('import_id', '=', importId)
    .where('row', '>', afterRow)
    .orderBy('row')
    .orderBy('score', 'desc')
    .limit(limit)
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
