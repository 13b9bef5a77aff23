import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { EventConfig, ImportEventMap, ImportFormat, ImportView } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { requireScope } from '../access/index.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { fhirOf } from '../fhir/context.ts';
import { newTrackingId } from '../events/identifiers.ts';
import { buildRecord, type BuiltRecord, type ImportSource } from './build.ts';
import { checkRow } from './check-row.ts';
import type { SourceRow } from './map-row.ts';
import * as repo from './repository.ts';
import { possibleDuplicates } from './possible-duplicates.ts';
import { batchSubject, findDuplicatesInBatch, type BatchSubject } from '../dedup/batch.ts';
import { countedStream, csvRows, fhirRows } from './sources.ts';
import { toView, type ImportRow } from './tables.ts';

/** Rows per transaction: large enough that a commit is rare, small enough that an interruption loses little. */
export const DEFAULT_BATCH = 1000;

export interface ImportFile {
  path: string;
  /** The name the report and the records' provenance give (the path's base name by default). */
  fileName: string;
  eventType: string;
  format: ImportFormat;
}

/**
 * How rows are checked against other records: `exact` refuses a row with the same names (every name on it) and
 * date of event as a record of the register or an earlier row; `rules` also applies the country's duplicate rules
 * (the ones a new declaration is checked with) and reports the rows they match, imported all the same.
 */
export type DuplicateCheck = 'exact' | 'rules';
export const DEFAULT_DUPLICATE_CHECK: DuplicateCheck = 'exact';

export interface RunOptions {
  batchSize?: number;
  duplicates?: DuplicateCheck;
  onProgress?: (view: ImportView) => void;
  /** Stops after the batch being written (the import stays resumable). */
  signal?: AbortSignal;
}

type Refusal = { row: number; registrationNumber: string | null; reasons: string[] };

/** Imports running in this process: a second run of the same one is refused rather than interleaved. */
const running = new Set<string>();

function importMap(
  ctx: AppContext,
  eventType: string,
  format: ImportFormat,
): { config: EventConfig; map: ImportEventMap } {
  const config = ctx.country.events.get(eventType);
  if (!config) {
    throw badRequest(`unknown event type "${eventType}"`, [
      { field: 'type', message: `must be one of ${[...ctx.country.events.keys()].join(', ')}` },
    ]);
  }
  const map = ctx.country.config.imports?.events.find((m) => m.event === eventType);
  if (!map) {
    // The FHIR mapping reads the declaration; the map's relaxed rules still apply, so a map is needed either way.
    throw badRequest(`the country config has no import map for ${eventType} records`, [
      { field: 'type', message: `no import map (countries/<country>/src/imports.ts) for ${eventType}` },
    ]);
  }
  if (format === 'fhir') fhirOf(ctx);
  return { config, map };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The import of this file (by SHA-256) as this event type: the one started earlier, or a new one. The caller must
 * hold record.import for the event type; each row is checked against their jurisdiction as it is read.
 */
export async function openImport(ctx: AppContext, user: AuthUser, file: ImportFile): Promise<ImportRow> {
  requireScope(ctx.country, user, 'record.import', file.eventType);
  importMap(ctx, file.eventType, file.format);
  const sha256 = await sha256OfFile(file.path);
  const key = { sha256, eventType: file.eventType, format: file.format };
  const earlier = await repo.findImport(ctx.db, key);
  if (earlier) return earlier;
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertImport(trx, {
      id,
      ...key,
      fileName: file.fileName,
      bytes: statSync(file.path).size,
      startedBy: user.id,
      startedByRole: user.role,
      office: user.primaryOfficeId || null,
    });
    await appendAudit(trx, {
      stream: `import:${id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'import.START',
      subjectType: 'import',
      subjectId: id,
      details: { ...key, fileName: file.fileName },
    });
  });
  return (await repo.findImport(ctx.db, key))!;
}

/**
 * Run (or resume) an import: stream the file's rows, check each (the form's rules, relaxed for historical data;
 * the office, dates and the importer's jurisdiction), and write each batch in one transaction: the records as
 * registrations keeping their original numbers, refusals with their reasons, and the import's mark. The next batch
 * is checked and built while the previous one is written. A file done before adds nothing.
 */
export async function runImport(
  ctx: AppContext,
  user: AuthUser,
  job: ImportRow,
  file: Pick<ImportFile, 'path'>,
  options: RunOptions = {},
): Promise<ImportView> {
  if (job.status === 'done') return toView(job);
  if (running.has(job.id)) throw conflict(`import ${job.id} is already running`);
  running.add(job.id);
  try {
    await repo.setStatus(ctx.db, job.id, 'running', null);
    await importRows(ctx, user, job, file.path, options);
    const after = (await repo.readImport(ctx.db, job.id))!;
    if (options.signal?.aborted) return toView(after);
    await ctx.db.transaction().execute(async (trx) => {
      await repo.setStatus(trx, job.id, 'done', null);
      await appendAudit(trx, {
        stream: `import:${job.id}`,
        actorId: user.id,
        actorRole: user.role,
        action: 'import.FINISH',
        subjectType: 'import',
        subjectId: job.id,
        details: { rows: after.rows, imported: after.imported, refused: after.refused, skipped: after.skipped },
      });
    });
    return toView((await repo.readImport(ctx.db, job.id))!);
  } catch (error) {
    await repo.setStatus(ctx.db, job.id, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    running.delete(job.id);
  }
}

async function importRows(ctx: AppContext, user: AuthUser, job: ImportRow, path: string, options: RunOptions) {
  const format = job.format as ImportFormat;
  const { config, map } = importMap(ctx, job.event_type, format);
  const source: ImportSource = {
    importId: job.id,
    eventType: config.id,
    fileName: job.file_name,
    sha256: job.sha256,
  };
  const input = countedStream(path);
  const rows =
    format === 'csv'
      ? csvRows(ctx.country, config, map, input.stream)
      : fhirRows(fhirOf(ctx).fhir, fhirOf(ctx).events, config.id, input.stream);
  const size = options.batchSize ?? DEFAULT_BATCH;
  const duplicates = options.duplicates ?? DEFAULT_DUPLICATE_CHECK;
  const resumeAfter = job.rows;
  let pending: Promise<void> | null = null;
  let batch: SourceRow[] = [];
  const flush = async (last: boolean) => {
    const prepared = await prepare(ctx, config, map, user, source, batch, duplicates === 'rules');
    batch = [];
    if (pending) await pending;
    const bytesRead = last ? Number(job.bytes) : Math.min(input.bytesRead(), Number(job.bytes));
    pending = commit(ctx, job.id, config, prepared, bytesRead).then(async () => {
      if (options.onProgress) options.onProgress(toView((await repo.readImport(ctx.db, job.id))!));
    });
    // A failed write surfaces at the next await; keep it from being reported as unhandled meanwhile.
    pending.catch(() => undefined);
  };
  try {
    for await (const row of rows) {
      if (row.row <= resumeAfter) continue;
      batch.push(row);
      if (batch.length >= size) {
        await flush(false);
        if (options.signal?.aborted) break;
      }
    }
    if (batch.length && !options.signal?.aborted) await flush(true);
    if (pending) await pending;
  } finally {
    input.stream.destroy();
  }
}

interface Prepared {
  records: BuiltRecord[];
  /** The records as the duplicate rules see them, when the import applies them (same order as `records`). */
  subjects: BatchSubject[] | null;
  refusals: Refusal[];
  lastRow: number;
}

/** Rows checked between two turns of the event loop, so the previous batch's statements go out meanwhile. */
const SLICE = 50;

/**
 * Check and build a batch's rows: CPU only, while the previous batch is being written. It yields to the event loop
 * every few rows: the database works on the previous batch's statements only if they are sent.
 */
async function prepare(
  ctx: AppContext,
  config: EventConfig,
  map: ImportEventMap,
  user: AuthUser,
  source: ImportSource,
  rows: SourceRow[],
  withSubjects: boolean,
): Promise<Prepared> {
  const records: BuiltRecord[] = [];
  const refusals: Refusal[] = [];
  const subjects: BatchSubject[] = [];
  const today = ctx.country.today();
  for (const [i, r] of rows.entries()) {
    if (i % SLICE === SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    if (!r.ok) {
      refusals.push({ row: r.row, registrationNumber: r.registrationNumber, reasons: r.reasons });
      continue;
    }
    const checked = checkRow(ctx.country, config, map.relaxed, user, r.row, r.declaration, r.registration, { today });
    if (!checked.ok) {
      refusals.push({ row: r.row, registrationNumber: r.registration.number, reasons: checked.reasons });
      continue;
    }
    const record = buildRecord(ctx.country, config, user, source, checked.value);
    records.push(record);
    if (withSubjects) subjects.push(batchSubject(config, record.event.id, record.declaration));
  }
  return { records, subjects: withSubjects ? subjects : null, refusals, lastRow: rows[rows.length - 1].row };
}

/**
 * One transaction per batch: what the register already holds of it decides the rest. Rows an earlier run wrote
 * are skipped; a registration number already used (in the register or earlier in the file) and a record with the
 * same names and date of event are refused and reported, never merged.
 */
async function commit(ctx: AppContext, importId: string, config: EventConfig, batch: Prepared, bytesRead: number) {
  const eventType = config.id;
  // The duplicate rules look at what earlier batches committed: on PostgreSQL they run on a connection of their
  // own while this batch's transaction reads and writes (the embedded database has one session: in the transaction).
  const subjects = batch.subjects;
  const early = subjects && ctx.dbKind === 'postgres' ? findDuplicatesInBatch(ctx.db, config, subjects) : null;
  early?.catch(() => undefined);
  await ctx.db.transaction().execute(async (trx) => {
    const inRegister = await repo.readRegister(trx, eventType, batch.records);
    const refusals = [...batch.refusals];
    const write: BuiltRecord[] = [];
    const numbers = new Map<string, number>();
    const keys = new Map<string, number>();
    let skipped = 0;
    for (const r of batch.records) {
      if (inRegister.doneTransactions.has(r.transactionId)) {
        skipped += 1;
        continue;
      }
      const reasons: string[] = [];
      if (inRegister.takenNumbers.has(r.registrationNumber)) {
        reasons.push(`registration number ${r.registrationNumber} is already in the register`);
      } else if (numbers.has(r.registrationNumber)) {
        reasons.push(`registration number ${r.registrationNumber} is also on row ${numbers.get(r.registrationNumber)}`);
      }
      const key = r.dateOfEvent ? repo.duplicateKey(r.dateOfEvent, r.names) : null;
      if (key && inRegister.existing.has(key)) {
        reasons.push(
          `duplicate: a record with the same names and date of event is in the register (registration number ${inRegister.existing.get(key)})`,
        );
      } else if (key && keys.has(key)) {
        reasons.push(`duplicate: the same names and date of event as row ${keys.get(key)}`);
      }
      if (reasons.length) {
        refusals.push({ row: r.row, registrationNumber: r.registrationNumber, reasons });
        continue;
      }
      numbers.set(r.registrationNumber, r.row);
      if (key) keys.set(key, r.row);
      if (inRegister.takenTrackingIds.has(r.event.tracking_id)) {
        // Tracking ids are random: one already taken is drawn again (it is in no hash).
        const trackingId = newTrackingId(ctx.country.events.get(eventType)!.code);
        r.event.tracking_id = trackingId;
        r.index.tracking_id = trackingId;
      }
      write.push(r);
    }
    refusals.sort((a, b) => a.row - b.row);
    const duplicates = subjects
      ? possibleDuplicates(batch.records, write, await (early ?? findDuplicatesInBatch(trx, config, subjects)))
      : [];
    await repo.writeBatch(trx, importId, write, refusals, { lastRow: batch.lastRow, skipped, bytesRead }, duplicates);
  });
}

/** An import as its starter or a holder of record.import over its office may see it. */
export async function getImport(ctx: AppContext, user: AuthUser, id: string): Promise<ImportRow> {
  // Whether an import exists is told only to those who may import at all.
  if (!user.scopes.some((s) => s.name === 'record.import')) {
    throw forbidden(`your role (${user.role}) does not have record.import`);
  }
  const row = await repo.readImport(ctx.db, id);
  if (!row) throw notFound(`no import ${id}`);
  if (row.started_by !== user.id) {
    requireScope(ctx.country, user, 'record.import', row.event_type, {
      createdAtLocation: row.started_at_office,
      placeOfEvent: null,
    });
  }
  return row;
}

export { duplicateReportLines, reportLines } from './reports.ts';
