import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** The `settings_versions` table (migration 0130_settings_versions). Only this module reads or writes it. */
export interface SettingsVersionsTable {
  layer: string;
  version: number;
  data: ColumnType<Record<string, unknown>, string, never>;
  reason: string;
  created_by: string;
  created_by_role: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  rollback_of: number | null;
}

export const withVersions = (db: Db) => db.withTables<{ settings_versions: SettingsVersionsTable }>();
