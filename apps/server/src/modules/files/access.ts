import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest } from '../../lib/errors.ts';
import { accessFactsOf, canRead } from '../access/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { fileStandings, insertLinks, RECORD_HOLDER, type FileStandings } from './repository.ts';

const FILE_PATH = /^\/api\/files\/([0-9a-f]{64})$/;

/** The ids of the files a declaration references, by the field (top-level key) that holds them. */
export function referencedFiles(declaration: Record<string, unknown> | null | undefined): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (value: unknown, field: string) => {
    if (Array.isArray(value)) for (const v of value) walk(v, field);
    else if (value && typeof value === 'object') {
      const path = (value as { path?: unknown }).path;
      const id = typeof path === 'string' ? FILE_PATH.exec(path)?.[1] : undefined;
      if (id && !found.has(id)) found.set(id, field);
      for (const v of Object.values(value)) walk(v, field);
    }
  };
  for (const [field, value] of Object.entries(declaration ?? {})) walk(value, field);
  return found;
}

/**
 * Which of these files the user may read: those they uploaded, those their own drafts reference, and those
 * referenced by a record the access rule lets them read. A file no record references yet is its uploaders' only.
 */
export async function readableFiles(
  db: Db,
  ctx: Pick<AppContext, 'country'>,
  user: AuthUser,
  fileIds: readonly string[],
  /** What the caller already read of these files for this user (fileStandings), if all of them. */
  known?: FileStandings,
): Promise<{ exists: Set<string>; readable: Set<string> }> {
  if (!fileIds.length) return { exists: new Set(), readable: new Set() };
  const standing =
    known && fileIds.every((id) => known.exists.has(id)) ? known : await fileStandings(db, fileIds, user.id);
  const readable = new Set(standing.own);
  const facts = await accessFactsOf(db, [...new Set(standing.recordLinks.map((l) => l.event_id))]);
  for (const l of standing.recordLinks) {
    const record = facts.get(l.event_id);
    if (record && canRead(ctx.country, user, record)) readable.add(l.file_id);
  }
  return { exists: standing.exists, readable };
}

/**
 * Link the files a declaration being written references to its record (or to the writer's draft of it), in the
 * writer's transaction. A declaration may only reference files the writer may read: otherwise anyone knowing a
 * file's hash could attach it to a record of their own and read it through that record.
 */
export async function linkDeclarationFiles(
  trx: Db,
  ctx: Pick<AppContext, 'country'>,
  user: AuthUser,
  target: { eventId: string; draft: boolean },
  declarations: ReadonlyArray<Record<string, unknown> | null | undefined>,
): Promise<void> {
  await insertLinks(trx, await declarationFileLinks(trx, ctx, user, target, declarations));
}

/** A link between a stored file and a record (or a user's draft of it): file_links' row. */
export interface FileLink {
  fileId: string;
  eventId: string;
  holder: string;
}

/**
 * The links linkDeclarationFiles would write, after the same check (a 400 naming each file the writer may not
 * attach): for a caller that writes them in its own statement.
 */
export async function declarationFileLinks(
  trx: Db,
  ctx: Pick<AppContext, 'country'>,
  user: AuthUser,
  target: { eventId: string; draft: boolean },
  declarations: ReadonlyArray<Record<string, unknown> | null | undefined>,
  known?: FileStandings,
): Promise<FileLink[]> {
  const files = new Map<string, string>();
  for (const d of declarations) for (const [id, field] of referencedFiles(d)) if (!files.has(id)) files.set(id, field);
  if (!files.size) return [];
  const { exists, readable } = await readableFiles(trx, ctx, user, [...files.keys()], known);
  const errors = [...files]
    .filter(([id]) => !readable.has(id))
    .map(([id, field]) => ({
      field,
      message: exists.has(id)
        ? `the file /api/files/${id} is not one you uploaded or may see`
        : `no uploaded file /api/files/${id}`,
    }));
  if (errors.length) throw badRequest('the declaration references files you cannot attach', errors);
  const holder = target.draft ? user.id : RECORD_HOLDER;
  return [...files.keys()].map((fileId) => ({ fileId, eventId: target.eventId, holder }));
}

/**
 * Attach a stored file to a record for good (e.g. the scanned register page a record was transcribed from): it is
 * then read under the record's access rule, like the record's documents.
 */
export async function attachFileToRecord(trx: Db, fileId: string, eventId: string): Promise<void> {
  await insertLinks(trx, [{ fileId, eventId, holder: RECORD_HOLDER }]);
}
