import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** The `files` table (migration 0004_files). Kept here: only this module reads or writes it. */
export interface FilesTable {
  /** SHA-256 of the content, hex. */
  id: string;
  content_type: string;
  size: number;
  data: Uint8Array;
  created_by: string;
  created_at: ColumnType<Date, Date | string, Date | string>;
}

export type FilesDb = ReturnType<typeof withFiles>;

export function withFiles(db: Db) {
  return db.withTables<{ files: FilesTable }>();
}

export interface NewFile {
  id: string;
  contentType: string;
  data: Buffer;
  createdBy: string;
}

/** Store a file unless the same bytes are already stored (same id); returns true when this call stored it. */
export async function insertFile(db: Db, file: NewFile): Promise<boolean> {
  const result = await withFiles(db)
    .insertInto('files')
    .values({
      id: file.id,
      content_type: file.contentType,
      size: file.data.length,
      data: file.data,
      created_by: file.createdBy,
      created_at: new Date(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function readFile(db: Db, id: string) {
  const row = await withFiles(db)
    .selectFrom('files')
    .select(['id', 'content_type', 'size', 'data', 'created_by'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    contentType: row.content_type,
    size: row.size,
    data: Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength),
    createdBy: row.created_by,
  };
}

/** The content type of each stored file among `ids` (absent ids are not in the map). */
export async function contentTypes(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await withFiles(db).selectFrom('files').select(['id', 'content_type']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.content_type]));
}
