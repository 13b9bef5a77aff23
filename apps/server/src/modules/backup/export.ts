import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { KeyEnvelope } from './key-envelope.ts';
import { registerTables, sequenceValues } from './tables.ts';

export const BACKUP_FORMAT = 'lifeline-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  /** When the snapshot was taken (the database's clock): certificates signed after it are not in the backup. */
  takenAt: string;
  database: 'pglite' | 'postgres';
  migrations: string[];
  tables: Array<{ name: string; rows: number; file: string; sha256: string }>;
  /** Each sequence's last value at the backup: a restore resumes every one above it, by a gap. */
  sequences: Record<string, number>;
  keys: string | null;
}

const FETCH = 1000;

/**
 * Write every table of the register to `dir` as gzipped JSON lines, all from ONE repeatable-read snapshot (a
 * consistent state while the server keeps writing), with a manifest of row counts and SHA-256 sums, and the keys
 * sealed with the passphrase (see key-envelope.ts).
 */
export async function backupDatabase(
  db: Db,
  kind: 'pglite' | 'postgres',
  dir: string,
  keys: KeyEnvelope | null,
): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length) throw new Error(`${dir} is not empty: back up into a new folder`);
  mkdirSync(path.join(dir, 'tables'));
  const manifest = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // The first statement takes the snapshot; its clock is the backup's time.
      const takenAt = (await sql<{ at: Date }>`SELECT statement_timestamp() AS at`.execute(trx)).rows[0].at;
      const migrations = (
        await sql<{ name: string }>`SELECT name FROM lifeline_migrations ORDER BY name`.execute(trx)
      ).rows.map((r) => r.name);
      const tables: BackupManifest['tables'] = [];
      for (const name of await registerTables(trx)) tables.push(await exportTable(trx, dir, name));
      return {
        format: BACKUP_FORMAT,
        takenAt: new Date(takenAt).toISOString(),
        database: kind,
        migrations,
        tables,
        sequences: await sequenceValues(trx),
        keys: keys ? 'keys.json' : null,
      } satisfies BackupManifest;
    });
  if (keys) writeFileSync(path.join(dir, 'keys.json'), JSON.stringify(keys, null, 2), { mode: 0o600 });
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function exportTable(trx: Db, dir: string, name: string) {
  const file = `tables/${name}.jsonl.gz`;
  const out = createWriteStream(path.join(dir, file));
  const gzip = createGzip();
  const hash = createHash('sha256');
  gzip.on('data', (chunk: Buffer) => hash.update(chunk));
  gzip.pipe(out);
  let rows = 0;
  await sql`DECLARE lifeline_backup NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS j FROM ${sql.table(name)} t`.execute(
    trx,
  );
  for (;;) {
    const page = await sql<{ j: string }>`FETCH ${sql.raw(String(FETCH))} FROM lifeline_backup`.execute(trx);
    for (const row of page.rows) if (!gzip.write(`${row.j}\n`)) await once(gzip, 'drain');
    rows += page.rows.length;
    if (page.rows.length < FETCH) break;
  }
  await sql`CLOSE lifeline_backup`.execute(trx);
  gzip.end();
  await once(out, 'finish');
  return { name, rows, file, sha256: hash.digest('hex') };
}
