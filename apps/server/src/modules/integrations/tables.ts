import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The `system_clients` table (migration 0110_system_clients). Only this module reads or writes it. */
export interface SystemClientsTable {
  id: string;
  name: string;
  type: string;
  scopes: string[];
  /** The declaration fields the client may see; null = every field. */
  fields: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  office_id: string | null;
  secret_hash: string;
  secret_generation: ColumnType<number, number | undefined, number>;
  secret_rotated_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string;
  disabled_at: Timestamp | null;
  disabled_by: string | null;
}

export const withClients = (db: Db) => db.withTables<{ system_clients: SystemClientsTable }>();
