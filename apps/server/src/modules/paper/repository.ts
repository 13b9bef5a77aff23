import type { PaperPageStatus } from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';
import { withPaper, type EntryRow, type PageRow, type PaperPagesTable } from './tables.ts';
import type { Insertable } from 'kysely';

export async function insertPages(db: Db, rows: Insertable<PaperPagesTable>[]): Promise<void> {
  if (rows.length) await withPaper(db).insertInto('paper_pages').values(rows).execute();
}

export function readPage(db: Db, id: string): Promise<PageRow | undefined> {
  return withPaper(db).selectFrom('paper_pages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The page's row, locked until the transaction ends: entries and assignment of one page happen one at a time. */
export function lockPage(trx: Db, id: string): Promise<PageRow | undefined> {
  return withPaper(trx).selectFrom('paper_pages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Pages of these statuses and event types, oldest upload first (the caller filters by jurisdiction). */
export function pagesWith(db: Db, statuses: PaperPageStatus[], eventTypes: string[] | null): Promise<PageRow[]> {
  let query = withPaper(db).selectFrom('paper_pages').selectAll().where('status', 'in', statuses);
  if (eventTypes) query = query.where('event_type', 'in', eventTypes.length ? eventTypes : ['']);
  return query.orderBy('uploaded_at').orderBy('batch_position').limit(5000).execute();
}

export async function updatePage(
  db: Db,
  id: string,
  set: Partial<{ status: PaperPageStatus; assigned_to: string | null; event_id: string }>,
): Promise<void> {
  await withPaper(db)
    .updateTable('paper_pages')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function entriesOf(db: Db, pageIds: string[]): Promise<EntryRow[]> {
  if (!pageIds.length) return Promise.resolve([]);
  return withPaper(db)
    .selectFrom('paper_entries')
    .selectAll()
    .where('page_id', 'in', pageIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertEntry(
  db: Db,
  entry: {
    id: string;
    pageId: string;
    kind: 'entry' | 'resolution';
    userId: string;
    declaration: object;
    registration: object;
  },
): Promise<void> {
  await withPaper(db)
    .insertInto('paper_entries')
    .values({
      id: entry.id,
      page_id: entry.pageId,
      kind: entry.kind,
      user_id: entry.userId,
      declaration: JSON.stringify(entry.declaration),
      registration: JSON.stringify(entry.registration),
      created_at: new Date(),
    })
    .execute();
}
