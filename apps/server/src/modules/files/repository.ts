import { sql, type ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { PREPARED_MARK } from '../../db/prepared.ts';

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

export async function recordUpload(db: Db, fileId: string, userId: string): Promise<void> {
  await withFiles(db)
    .insertInto('file_uploads')
    .values({ file_id: fileId, user_id: userId, uploaded_at: new Date() })
    .onConflict((oc) => oc.columns(['file_id', 'user_id']).doNothing())
    .execute();
}

export type FileStandings = Awaited<ReturnType<typeof fileStandings>>;

/**
 * Which of these files exist and of what type, which the user uploaded or holds in a draft, and, for the others
 * only, the records that reference them. One statement: a file the user uploaded needs no look at its links (a document shared by
 * many records would otherwise bring all their links on every declaration).
 */
export async function fileStandings(db: Db, fileIds: readonly string[], userId: string) {
  const { rows } = await sql<{ id: string; content_type: string; own: boolean; events: string[] | null }>`${sql.raw(
    PREPARED_MARK,
  )}
    SELECT f.id, f.content_type, s.own,
           CASE WHEN s.own THEN NULL ELSE (
             SELECT array_agg(l.event_id) FROM file_links l WHERE l.file_id = f.id AND l.holder = ${RECORD_HOLDER}
           ) END AS events
    FROM files f
    CROSS JOIN LATERAL (SELECT
      EXISTS (SELECT 1 FROM file_uploads u WHERE u.file_id = f.id AND u.user_id = ${userId})
      OR EXISTS (SELECT 1 FROM file_links l WHERE l.file_id = f.id AND l.holder = ${userId}) AS own) s
    WHERE f.id = ANY(${[...fileIds]}::text[])`.execute(db);
  return {
    exists: new Set(rows.map((r) => r.id)),
    /** Each existing file's content type. */
    contentTypes: new Map(rows.map((r) => [r.id, r.content_type])),
    /** Uploaded by the user, or referenced by the user's own draft. */
    own: new Set(rows.filter((r) => r.own).map((r) => r.id)),
    /** For the other files: the records that reference them. */
    recordLinks: rows.flatMap((r) => (r.events ?? []).map((eventId) => ({ file_id: r.id, event_id: eventId }))),
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
