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

/** Who uploaded which file (migration 0030): the same bytes may come from several users. */
export interface FileUploadsTable {
  file_id: string;
  user_id: string;
  uploaded_at: ColumnType<Date, Date | string, Date | string>;
}

/** Which record (holder 'record') or whose draft of it (holder = user id) references a file (migration 0030). */
export interface FileLinksTable {
  file_id: string;
  event_id: string;
  holder: string;
  linked_at: ColumnType<Date, Date | string, Date | string>;
}

export type FilesDb = ReturnType<typeof withFiles>;

export function withFiles(db: Db) {
  return db.withTables<{ files: FilesTable; file_uploads: FileUploadsTable; file_links: FileLinksTable }>();
}

/** Holder of a link made by a record's own history (others are drafts, held by their user). */
export const RECORD_HOLDER = 'record';

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

export async function recordUpload(db: Db, fileId: string, userId: string): Promise<void> {
  await withFiles(db)
    .insertInto('file_uploads')
    .values({ file_id: fileId, user_id: userId, uploaded_at: new Date() })
    .onConflict((oc) => oc.columns(['file_id', 'user_id']).doNothing())
    .execute();
}

/** Which of these files exist, which the user uploaded, and who references each. */
export async function fileStandings(db: Db, fileIds: readonly string[], userId: string) {
  const ids = [...fileIds];
  // One after the other: inside a transaction the queries share one connection.
  const exists = await withFiles(db).selectFrom('files').select('id').where('id', 'in', ids).execute();
  const uploaded = await withFiles(db)
    .selectFrom('file_uploads')
    .select('file_id')
    .where('file_id', 'in', ids)
    .where('user_id', '=', userId)
    .execute();
  const links = await withFiles(db)
    .selectFrom('file_links')
    .select(['file_id', 'event_id', 'holder'])
    .where('file_id', 'in', ids)
    .execute();
  return {
    exists: new Set(exists.map((r) => r.id)),
    uploadedByUser: new Set(uploaded.map((r) => r.file_id)),
    links,
  };
}

export async function insertLinks(db: Db, links: Array<{ fileId: string; eventId: string; holder: string }>) {
  if (!links.length) return;
  const now = new Date();
  await withFiles(db)
    .insertInto('file_links')
    .values(links.map((l) => ({ file_id: l.fileId, event_id: l.eventId, holder: l.holder, linked_at: now })))
    .onConflict((oc) => oc.columns(['file_id', 'event_id', 'holder']).doNothing())
    .execute();
}
