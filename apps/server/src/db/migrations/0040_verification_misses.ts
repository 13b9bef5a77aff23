import { sql, type Kysely } from 'kysely';

/**
 * Public verification of ids that match no certificate, counted per hour and channel instead of one audit entry
 * each: anyone can send them, and the audit log must not grow (or carry their text) at a stranger's will.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE verification_misses (
      hour timestamptz NOT NULL,
      via text NOT NULL,
      count bigint NOT NULL,
      PRIMARY KEY (hour, via)
    )`.execute(db);
}
