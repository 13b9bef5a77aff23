import type { ColumnType, Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Migration 0060_resumable_uploads: resumable uploads and their chunks. Only this file touches them. */
interface FileUploadsTable {
  id: string;
  created_by: string;
  length: number;
  received: number;
  content_type: string;
  filename: string | null;
  sha256: string | null;
  file_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

interface FileUploadChunksTable {
  upload_id: string;
  start_at: number;
  data: Uint8Array;
}

const withUploads = (db: Db) =>
  db.withTables<{ resumable_uploads: FileUploadsTable; resumable_upload_chunks: FileUploadChunksTable }>();

export interface UploadRow {
  id: string;
  createdBy: string;
  length: number;
  received: number;
  contentType: string;
  filename: string | null;
  sha256: string | null;
  fileId: string | null;
  expiresAt: Date;
}

const toUpload = (row: Selectable<FileUploadsTable>): UploadRow => ({
  id: row.id,
  createdBy: row.created_by,
  length: row.length,
  received: row.received,
  contentType: row.content_type,
  filename: row.filename,
  sha256: row.sha256,
  fileId: row.file_id,
  expiresAt: new Date(row.expires_at),
});

export async function insertUpload(db: Db, upload: Omit<UploadRow, 'received' | 'fileId'>): Promise<void> {
  await withUploads(db)
    .insertInto('resumable_uploads')
    .values({
      id: upload.id,
      created_by: upload.createdBy,
      length: upload.length,
      received: 0,
      content_type: upload.contentType,
      filename: upload.filename,
      sha256: upload.sha256,
      file_id: null,
      created_at: new Date(),
      expires_at: upload.expiresAt,
    })
    .execute();
}

/** The upload, locked for the rest of the transaction when `forUpdate` (one chunk is appended at a time). */
export async function findUpload(db: Db, id: string, forUpdate = false): Promise<UploadRow | undefined> {
  let query = withUploads(db).selectFrom('resumable_uploads').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toUpload(row) : undefined;
}

export async function appendChunk(db: Db, id: string, startAt: number, data: Buffer): Promise<void> {
  await withUploads(db)
    .insertInto('resumable_upload_chunks')
    .values({ upload_id: id, start_at: startAt, data })
    .execute();
  await withUploads(db)
    .updateTable('resumable_uploads')
    .set({ received: startAt + data.length })
    .where('id', '=', id)
    .execute();
}

/** Every byte received, in order. */
export async function readChunks(db: Db, id: string): Promise<Buffer> {
  const rows = await withUploads(db)
    .selectFrom('resumable_upload_chunks')
    .select(['data'])
    .where('upload_id', '=', id)
    .orderBy('start_at')
    .execute();
  return Buffer.concat(rows.map((r) => Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength)));
}

/** The bytes did not make the file they claimed to be: start again from 0. */
export async function resetUpload(db: Db, id: string): Promise<void> {
  await withUploads(db).deleteFrom('resumable_upload_chunks').where('upload_id', '=', id).execute();
  await withUploads(db).updateTable('resumable_uploads').set({ received: 0 }).where('id', '=', id).execute();
}

/** The file is stored: keep the upload's row (replays learn the outcome), drop its chunks. */
export async function markStored(db: Db, id: string, fileId: string): Promise<void> {
  await withUploads(db).updateTable('resumable_uploads').set({ file_id: fileId }).where('id', '=', id).execute();
  await withUploads(db).deleteFrom('resumable_upload_chunks').where('upload_id', '=', id).execute();
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await withUploads(db).deleteFrom('resumable_uploads').where('id', '=', id).execute();
}

export async function deleteExpiredUploads(db: Db, now: Date): Promise<void> {
  await withUploads(db).deleteFrom('resumable_uploads').where('expires_at', '<', now).execute();
}
