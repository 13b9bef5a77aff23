import type { ColumnType, Selectable } from 'kysely';
import type { ImportView } from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Count = ColumnType<number, number | undefined, number>;

/** The `imports` table (migration 0150_imports). Only this module reads or writes it. */
export interface ImportsTable {
  id: string;
  event_type: string;
  format: string;
  file_name: string;
  sha256: string;
  bytes: ColumnType<string | number, number, number>;
  bytes_read: ColumnType<string | number, number | undefined, number>;
  status: string;
  rows: Count;
  imported: Count;
  refused: Count;
  skipped: Count;
  duplicates: Count;
  error: string | null;
  started_by: string;
  started_by_role: string;
  started_at_office: string | null;
  started_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ImportRefusalsTable {
  import_id: string;
  row: number;
  registration_number: string | null;
  reasons: string[];
}

/** Possible duplicates found by the country's rules (migration 0192): reported, never merged. */
export interface ImportDuplicatesTable {
  import_id: string;
  row: number;
  registration_number: string;
  event_id: string;
  matched_event_id: string;
  matched_registration_number: string | null;
  matched_row: number | null;
  rules: string[];
  score: number;
}

export type ImportRow = Selectable<ImportsTable>;

export const withImports = (db: Db) =>
  db.withTables<{
    imports: ImportsTable;
    import_refusals: ImportRefusalsTable;
    import_duplicates: ImportDuplicatesTable;
  }>();

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toView(row: ImportRow): ImportView {
  return {
    id: row.id,
    eventType: row.event_type,
    format: row.format as ImportView['format'],
    fileName: row.file_name,
    sha256: row.sha256,
    status: row.status as ImportView['status'],
    rows: row.rows,
    imported: row.imported,
    refused: row.refused,
    skipped: row.skipped,
    possibleDuplicates: row.duplicates ?? 0,
    bytes: Number(row.bytes),
    bytesRead: Number(row.bytes_read),
    error: row.error,
    startedAt: iso(row.started_at)!,
    updatedAt: iso(row.updated_at)!,
    finishedAt: iso(row.finished_at),
  };
}
