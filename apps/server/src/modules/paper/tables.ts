import type { ColumnType, Selectable } from 'kysely';
import type { PaperPageView, PaperRegistration } from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** The `paper_pages` table (migration 0190). Only this module reads or writes it. */
export interface PaperPagesTable {
  id: string;
  file_id: string;
  content_type: string;
  event_type: string;
  office_id: string;
  register_name: string | null;
  volume: string | null;
  page_label: string | null;
  batch_id: string;
  batch_position: number;
  double_entry: boolean;
  status: string;
  assigned_to: string | null;
  uploaded_by: string;
  uploaded_at: Timestamp;
  updated_at: Timestamp;
  event_id: string | null;
}

/** One typed entry of a page (`entry`), or a registrar's resolution of two that differ (`resolution`). */
export interface PaperEntriesTable {
  id: string;
  page_id: string;
  kind: 'entry' | 'resolution';
  user_id: string;
  declaration: Json<Record<string, unknown>>;
  registration: Json<PaperRegistration>;
  created_at: Timestamp;
}

export type PageRow = Selectable<PaperPagesTable>;
export type EntryRow = Selectable<PaperEntriesTable>;

export const withPaper = (db: Db) =>
  db.withTables<{ paper_pages: PaperPagesTable; paper_entries: PaperEntriesTable }>();

export function toPageView(row: PageRow, enteredBy: string[]): PaperPageView {
  return {
    id: row.id,
    fileId: row.file_id,
    contentType: row.content_type,
    eventType: row.event_type,
    officeId: row.office_id,
    register: row.register_name,
    volume: row.volume,
    page: row.page_label,
    batchId: row.batch_id,
    position: row.batch_position,
    doubleEntry: row.double_entry,
    status: row.status as PaperPageView['status'],
    assignedTo: row.assigned_to,
    uploadedBy: row.uploaded_by,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    enteredBy,
    eventId: row.event_id,
  };
}
