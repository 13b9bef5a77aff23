import { createHash } from 'node:crypto';
import { grantedJurisdiction, type ScopeName } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { forbidden, HttpError, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { readableFiles } from './access.ts';
import { fileStandings, insertFile, readFile, recordUpload, type FileStandings } from './repository.ts';

/** Largest file accepted; the forms say "at most 5 MB" (fields' maxSizeBytes default). */
export const FILE_BODY_LIMIT = 5 * 1024 * 1024;

/** Accepted types and the bytes every such file starts with: the content must be what its type says. */
export const FILE_SIGNATURES: Record<string, { label: string; magic: number[] }> = {
  'image/jpeg': { label: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  'image/png': { label: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'application/pdf': { label: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
};
export const FILE_TYPES = Object.keys(FILE_SIGNATURES);

/** Whoever may fill a declaration form may attach documents to it. */
export const UPLOAD_SCOPES: ScopeName[] = ['record.declare', 'record.notify', 'record.validate', 'record.register'];

const unsupported = (detail: string) => new HttpError(415, 'Unsupported Media Type', detail);

export function filePath(id: string) {
  return `/api/files/${id}`;
}

const FILE_PATH = /^\/api\/files\/([0-9a-f]{64})$/;

/**
 * The stored files among the paths a declaration refers to, by path: what `validateDeclaration`'s `findFile`
 * answers, so a document must name a file that was uploaded, of the type it says. In the same statement, what
 * declarationFileLinks needs to know of them for this user (`standings`): an action reads both in one round trip.
 */
export async function storedFiles(
  db: Db,
  userId: string,
  paths: string[],
): Promise<{ stored: Map<string, { contentType: string }>; standings: FileStandings | undefined }> {
  const ids = idsOf(paths);
  if (!ids.length) return { stored: new Map(), standings: undefined };
  const standings = await fileStandings(db, ids, userId);
  const stored = new Map([...standings.contentTypes].map(([id, contentType]) => [filePath(id), { contentType }]));
  return { stored, standings };
}

const idsOf = (paths: string[]) => [
  ...new Set(paths.map((p) => FILE_PATH.exec(p)?.[1]).filter((id): id is string => !!id)),
];

/** A display name from a header or query parameter: no folders, no control characters, at most 255 characters. */
export function cleanFilename(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded: keep it as sent.
  }
  // eslint-disable-next-line no-control-regex
  name = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name ? name.slice(0, 255) : undefined;
}

export interface Upload {
  data: Buffer;
  contentType: string;
  filename?: string;
  ip?: string;
}

/**
 * Store bytes other modules own (e.g. a user's electronic signature) in the caller's transaction, after checking
 * the content is what its type says. Returns the file id (SHA-256 of the bytes).
 */
export async function storeFile(
  trx: Db,
  file: { data: Buffer; contentType: string; createdBy: string },
): Promise<string> {
  const signature = FILE_SIGNATURES[file.contentType];
  if (!signature || !signature.magic.every((byte, i) => file.data[i] === byte)) {
    throw unsupported(`the content is not a ${signature?.label ?? file.contentType} file`);
  }
  const id = createHash('sha256').update(file.data).digest('hex');
  await insertFile(trx, { id, contentType: file.contentType, data: file.data, createdBy: file.createdBy });
  return id;
}

/** The bytes of a stored file, for modules that serve or print them under their own access rule. */
export function loadFile(db: Db, id: string) {
  return readFile(db, id);
}

export async function uploadFile(ctx: AppContext, user: AuthUser, upload: Upload) {
  if (!UPLOAD_SCOPES.some((scope) => grantedJurisdiction(user.scopes, scope) !== null)) {
    throw forbidden(`your role (${user.role}) cannot attach documents to declarations`);
  }
  const signature = FILE_SIGNATURES[upload.contentType];
  if (!signature) throw unsupported(`files must be one of ${FILE_TYPES.join(', ')}`);
  if (upload.data.length === 0) throw unsupported('the file is empty');
  if (!signature.magic.every((byte, i) => upload.data[i] === byte)) {
    throw unsupported(`the content is not a ${signature.label} file, as its content-type ${upload.contentType} says`);
  }
  const id = createHash('sha256').update(upload.data).digest('hex');
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await insertFile(trx, {
      id,
      contentType: upload.contentType,
      data: upload.data,
      createdBy: user.id,
    });
    await recordUpload(trx, id, user.id);
    await appendAudit(trx, {
      stream: `file:${id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'file.UPLOAD',
      subjectType: 'file',
      subjectId: id,
      ip: upload.ip ?? null,
      details: {
        type: upload.contentType,
        size: upload.data.length,
        new: stored,
        ...(upload.filename ? { originalFilename: upload.filename } : {}),
      },
    });
  });
  return {
    path: filePath(id),
    ...(upload.filename ? { originalFilename: upload.filename } : {}),
    type: upload.contentType,
    size: upload.data.length,
  };
}

/**
 * Files hold personal data (ID scans): readable under the access rule of the records that reference them, or by
 * their uploader while no record does (modules/files/access.ts).
 */
export async function getFile(ctx: AppContext, user: AuthUser, id: string, ip?: string) {
  const file = await readFile(ctx.db, id);
  if (!file) throw notFound(`no file ${id}`);
  const { readable } = await readableFiles(ctx.db, ctx, user, [id]);
  if (!readable.has(id)) throw forbidden('this file belongs to records you may not read');
  // Every view of personal data is logged (the browser caches the bytes, so a file is read once per device).
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `file:${id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'file.READ',
      subjectType: 'file',
      subjectId: id,
      ip: ip ?? null,
    }),
  );
  return file;
}
