import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** A verifiable credential issued for a record (migration 0006): its place in the revocation status list. */
export interface CredentialsTable {
  id: string;
  event_id: string;
  type: string;
  status_index: number;
  issued_after_seq: number;
  issued_by: string;
  issued_at: ColumnType<Date, Date | string, Date | string>;
}

export const withCredentials = (db: Db) => db.withTables<{ credentials: CredentialsTable }>();
