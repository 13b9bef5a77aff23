import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { appendAudit } from '../audit/index.ts';
import { raiseRegistrationSequence, registrationSequence } from '../events/identifiers.ts';
import { BACKUP_FORMAT, type BackupManifest } from './export.ts';
import { insertOrder, registerTables, writableColumns } from './tables.ts';

export interface RestoreReport {
  takenAt: string;
  rows: number;
  /** Each sequence: its value in the backup and where it resumes now. */
  sequences: Record<string, { backup: number; resumesAt: number }>;
}

const BATCH = 500;

export function readManifest(dir: string): BackupManifest {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${dir} is not a Lifeline backup (${BACKUP_FORMAT})`);
  for (const table of manifest.tables) {
    const sum = createHash('sha256')
      .update(readFileSync(path.join(dir, table.file)))
      .digest('hex');
    if (sum !== table.sha256) throw new Error(`${table.file} does not match its checksum: the backup is damaged`);
  }
  return manifest;
}

/**
 * Replace the register's contents with a backup's, in one transaction, as the owner (the server stopped): after
 * this code's migrations ran, every table is emptied and refilled, and every sequence resumes `gap` above its value
 * in the backup, so no registration, receipt or status-list number issued after the backup (and lost with the
 * database) is ever issued again. The restore and the gap are recorded in the audit log and in register_restores.
 */
export async function restoreDatabase(
  db: Db,
  dir: string,
  options: { gap: number; replace: boolean },
): Promise<RestoreReport> {
  const manifest = readManifest(dir);
  return db.transaction().execute(async (trx) => {
    const applied = new Set(
      (await sql<{ name: string }>`SELECT name FROM lifeline_migrations`.execute(trx)).rows.map((r) => r.name),
    );
    const unknown = manifest.migrations.filter((m) => !applied.has(m));
    if (unknown.length) throw new Error(`the backup comes from a newer Lifeline (migrations ${unknown.join(', ')})`);
    const records = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(trx)).rows[0].n;
    if (records && !options.replace) {
      throw new Error(`this database holds ${records} records: restore into an empty one, or pass --replace`);
    }
    const tables = await registerTables(trx);
    // The append-only guards stand aside for the restore only (the owner may; the server's role may not).
    for (const t of tables) await sql`ALTER TABLE ${sql.table(t)} DISABLE TRIGGER USER`.execute(trx);
    await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t)))}`.execute(trx);
    const inBackup = new Map(manifest.tables.map((t) => [t.name, t]));
    let rows = 0;
    for (const table of await insertOrder(trx, tables)) {
      const saved = inBackup.get(table);
      if (saved) rows += await importTable(trx, table, path.join(dir, saved.file));
    }
    // Deferred foreign-key checks run now: a table with pending checks cannot be altered.
    await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(trx);
    for (const t of tables) await sql`ALTER TABLE ${sql.table(t)} ENABLE TRIGGER USER`.execute(trx);

    const sequences: RestoreReport['sequences'] = {};
    const here = (
      await sql<{
        name: string;
      }>`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = current_schema()`.execute(trx)
    ).rows.map((r) => r.name);
    for (const name of here) {
      const backup = manifest.sequences[name] ?? 0;
      const resumesAt = backup + options.gap;
      await sql`SELECT setval(${name}::regclass, ${resumesAt})`.execute(trx);
      sequences[name] = { backup, resumesAt: resumesAt + 1 };
    }
    // Every event type with a registration sequence is listed in this table (restored above): its sequence may
    // not exist here yet, and a backup taken before sequences kept the type's count in the table itself.
    const counters = await sql<{ event_type: string; last: string }>`
      SELECT event_type, last::text FROM registration_counters`.execute(trx);
    for (const c of counters.rows) {
      const name = registrationSequence(c.event_type);
      const backup = Math.max(Number(c.last), manifest.sequences[name] ?? 0);
      const resumesAt = await raiseRegistrationSequence(trx, c.event_type, backup + options.gap);
      sequences[name] = { backup, resumesAt: resumesAt + 1 };
    }
    const restoredAt = new Date();
    await sql`
      INSERT INTO register_restores (id, restored_at, backup_taken_at, sequences)
      SELECT coalesce(max(id), 0) + 1, ${restoredAt}, ${manifest.takenAt}, ${JSON.stringify(sequences)}::jsonb
      FROM register_restores`.execute(trx);
    await appendAudit(trx, {
      stream: 'system:restore',
      actorId: null,
      actorRole: null,
      action: 'register.RESTORE',
      subjectType: 'register',
      subjectId: 'register',
      details: { backupTakenAt: manifest.takenAt, gap: options.gap, sequences },
      at: restoredAt,
    });
    return { takenAt: manifest.takenAt, rows, sequences };
  });
}

async function importTable(trx: Db, table: string, file: string): Promise<number> {
  const columns = (await writableColumns(trx, table)).map((c) => sql.ref(c));
  const insert = (batch: string[]) =>
    sql`INSERT INTO ${sql.table(table)} (${sql.join(columns)}) OVERRIDING SYSTEM VALUE
        SELECT ${sql.join(columns)} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${`[${batch.join(',')}]`}::jsonb)`.execute(
      trx,
    );
  let batch: string[] = [];
  let rows = 0;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    batch.push(line);
    if (batch.length === BATCH) {
      await insert(batch);
      rows += batch.length;
      batch = [];
    }
  }
  if (batch.length) await insert(batch);
  return rows + batch.length;
}
