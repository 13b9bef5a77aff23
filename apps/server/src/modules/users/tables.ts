import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type TokenPurpose = 'invitation' | 'password-reset';

/** One-time tokens of onboarding and recovery (migration 0070_staff). Only this module reads or writes them. */
export interface UserTokensTable {
  /** Also the handle a client sends back with the code when it has no link (forgotten password). */
  id: string;
  /** Null for a decoy: a request about an account that does not exist, stored like a real one. */
  user_id: string | null;
  purpose: TokenPurpose;
  /** SHA-256 of the token carried by the link; null when the request has no link. */
  token_hash: string | null;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  consumed_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Each electronic signature a user has had, from when (a certificate prints the one in force at registration). */
export interface UserSignaturesTable {
  user_id: string;
  file_id: string;
  created_at: Timestamp;
}

export const withUserTables = (db: Db) =>
  db.withTables<{ user_tokens: UserTokensTable; user_signatures: UserSignaturesTable }>();
