import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The `identity_checks` table (migration 0160_identity_checks). Only this module reads or writes it. */
export interface IdentityChecksTable {
  id: string;
  event_id: string;
  person: string;
  started_by: string;
  state_hash: string;
  code_verifier: string | null;
  nonce: string | null;
  status: 'pending' | 'verified';
  claims: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  fields: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_at: Timestamp;
  expires_at: Timestamp;
  completed_at: Timestamp | null;
  stamped_action_id: string | null;
}

export const withIdentityChecks = (db: Db) => db.withTables<{ identity_checks: IdentityChecksTable }>();
