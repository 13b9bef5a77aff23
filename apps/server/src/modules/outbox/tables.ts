import type { ColumnType, Generated } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type JsonObject = ColumnType<Record<string, unknown>, string, string>;

export type JobStatus = 'pending' | 'sent' | 'failed';

/** The `outbox` table (migration 0071_outbox). Only this module reads or writes it. */
export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  payload: JsonObject;
  secrets: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  done_at: Timestamp | null;
}

export const withOutbox = (db: Db) => db.withTables<{ outbox: OutboxTable }>();
