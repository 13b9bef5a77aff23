import { createHash, randomBytes } from 'node:crypto';
import { grantedJurisdiction } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, forbidden, HttpError, notFound } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import * as repo from './uploads-repository.ts';
import { cleanFilename, FILE_BODY_LIMIT, FILE_TYPES, UPLOAD_SCOPES, uploadFile } from './service.ts';

/**
 * Resumable uploads, following the tus 1.0.0 protocol (core, creation, expiration, termination): the client
 * creates an upload with its length, sends the bytes in chunks at the offset the server reports, and after a cut
 * asks the server's offset and goes on from there. Once every byte is in, the file is checked and stored exactly as
 * `POST /api/files` stores it (same types, same checks, same audit, same content address).
 */
export const TUS_VERSION = '1.0.0';
export const TUS_EXTENSIONS = 'creation,expiration,termination';
/** Largest chunk accepted in one PATCH; clients send 256 KB, small enough for a 2G link to finish one. */
export const MAX_CHUNK_BYTES = 1024 * 1024;
/** An unfinished upload is kept this long after its creation, then deleted. */
export const UPLOAD_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface StoredFile {
  path: string;
  originalFilename?: string;
  type: string;
  size: number;
}

export interface UploadState {
  id: string;
  offset: number;
  length: number;
  expiresAt: Date;
  /** Set once every byte arrived and the file is stored. */
  file?: StoredFile;
}

const preconditionFailed = (detail: string) =>
  new HttpError(412, 'Precondition Failed', detail, undefined, { 'tus-version': TUS_VERSION });
const gone = (detail: string) => new HttpError(410, 'Gone', detail);
/** tus's own status for a file whose bytes do not have the checksum announced. */
const checksumMismatch = (detail: string) => new HttpError(460, 'Checksum Mismatch', detail);

export function checkTusVersion(header: string | string[] | undefined): void {
  if (header !== TUS_VERSION) throw preconditionFailed(`send Tus-Resumable: ${TUS_VERSION}`);
}

/** `Upload-Metadata`: comma-separated `key base64value` pairs (tus creation extension). */
export function parseMetadata(header: string | undefined): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (!header?.trim()) return metadata;
  for (const pair of header.split(',')) {
    const [key, value = '', ...rest] = pair.trim().split(' ');
    if (!key || rest.length || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      throw badRequest('Upload-Metadata must be comma-separated "key base64value" pairs', [
        { field: 'headers.upload-metadata', message: `cannot read "${pair.trim().slice(0, 40)}"` },
      ]);
    }
    metadata[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return metadata;
}

const stored = (fileId: string, upload: repo.UploadRow): StoredFile => ({
  path: `/api/files/${fileId}`,
  ...(upload.filename ? { originalFilename: upload.filename } : {}),
  type: upload.contentType,
  size: upload.length,
});

function stateOf(upload: repo.UploadRow): UploadState {
  return {
    id: upload.id,
    offset: upload.received,
    length: upload.length,
    expiresAt: upload.expiresAt,
    ...(upload.fileId ? { file: stored(upload.fileId, upload) } : {}),
  };
}

export async function createUpload(
  ctx: AppContext,
  user: AuthUser,
  request: { length: number; metadata: Record<string, string> },
): Promise<UploadState> {
  if (!UPLOAD_SCOPES.some((scope) => grantedJurisdiction(user.scopes, scope) !== null)) {
    throw forbidden(`your role (${user.role}) cannot attach documents to declarations`);
  }
  const type = (request.metadata.filetype ?? request.metadata.type ?? '').split(';')[0].trim().toLowerCase();
  if (!FILE_TYPES.includes(type)) {
    throw new HttpError(
      415,
      'Unsupported Media Type',
      `the metadata "filetype" must be one of ${FILE_TYPES.join(', ')}`,
    );
  }
  if (request.length > FILE_BODY_LIMIT) {
    throw new HttpError(413, 'Content Too Large', `files are at most ${FILE_BODY_LIMIT} bytes`);
  }
  const sha256 = request.metadata.sha256?.toLowerCase();
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) {
    throw badRequest('the metadata "sha256" must be 64 hex digits', [
      { field: 'headers.upload-metadata', message: 'sha256 must be the hex SHA-256 of the whole file' },
    ]);
  }
  const now = Date.now();
  await repo.deleteExpiredUploads(ctx.db, new Date(now));
  const upload = {
    id: randomBytes(16).toString('base64url'),
    createdBy: user.id,
    length: request.length,
    contentType: type,
    filename: cleanFilename(request.metadata.filename) ?? null,
    sha256: sha256 ?? null,
    expiresAt: new Date(now + UPLOAD_LIFETIME_MS),
  };
  await repo.insertUpload(ctx.db, upload);
  return { id: upload.id, offset: 0, length: upload.length, expiresAt: upload.expiresAt };
}

/** Someone else's upload does not exist for this caller. */
function own(upload: repo.UploadRow | undefined, user: AuthUser, id: string): repo.UploadRow {
  if (!upload || upload.createdBy !== user.id) throw notFound(`no upload ${id}`);
  if (upload.expiresAt.getTime() < Date.now() && !upload.fileId) throw gone(`the upload ${id} expired`);
  return upload;
}

/**
 * Every byte is in: check the whole file against the announced SHA-256, then store it. Safe to run twice (a
 * repeated last chunk, a HEAD after a restart): storing is idempotent by content address.
 */
async function complete(ctx: AppContext, user: AuthUser, upload: repo.UploadRow, ip?: string): Promise<UploadState> {
  const data = await repo.readChunks(ctx.db, upload.id);
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (data.length !== upload.length || (upload.sha256 && upload.sha256 !== sha256)) {
    await repo.resetUpload(ctx.db, upload.id);
    throw checksumMismatch('the bytes received do not have the SHA-256 announced: send the file again from 0');
  }
  try {
    await uploadFile(ctx, user, {
      data,
      contentType: upload.contentType,
      filename: upload.filename ?? undefined,
      ip,
    });
  } catch (error) {
    // Not a file of its type: nothing to resume, the same bytes would be refused again.
    await repo.deleteUpload(ctx.db, upload.id);
    throw error;
  }
  await repo.markStored(ctx.db, upload.id, sha256);
  return stateOf({ ...upload, received: upload.length, fileId: sha256 });
}

/** HEAD: where the server's copy ends (finishing the upload if the last chunk arrived before a restart). */
export async function uploadState(ctx: AppContext, user: AuthUser, id: string, ip?: string): Promise<UploadState> {
  const upload = own(await repo.findUpload(ctx.db, id), user, id);
  if (upload.received === upload.length && !upload.fileId) return complete(ctx, user, upload, ip);
  return stateOf(upload);
}

/**
 * PATCH: append a chunk at `offset`, which must be where the server's copy ends (409 with the right offset
 * otherwise: a repeated or reordered chunk changes nothing).
 */
export async function appendToUpload(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  offset: number,
  chunk: Buffer,
  ip?: string,
): Promise<UploadState> {
  const upload = await ctx.db.transaction().execute(async (trx) => {
    const found = own(await repo.findUpload(trx, id, true), user, id);
    if (found.fileId || offset !== found.received) {
      throw new HttpError(
        409,
        'Conflict',
        `the upload is at offset ${found.received}, not ${offset}: send from there`,
        undefined,
        { 'upload-offset': String(found.received), 'tus-resumable': TUS_VERSION },
      );
    }
    if (offset + chunk.length > found.length) {
      throw new HttpError(413, 'Content Too Large', `the upload is ${found.length} bytes long`);
    }
    if (chunk.length > 0) await repo.appendChunk(trx, id, offset, chunk);
    return { ...found, received: offset + chunk.length };
  });
  if (upload.received === upload.length) return complete(ctx, user, upload, ip);
  return stateOf(upload);
}

/** DELETE (termination): the client gave up on this upload. */
export async function removeUpload(ctx: AppContext, user: AuthUser, id: string): Promise<void> {
  own(await repo.findUpload(ctx.db, id), user, id);
  await repo.deleteUpload(ctx.db, id);
}
