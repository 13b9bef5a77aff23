import { sql, type Kysely } from 'kysely';

/**
 * Every restore of a backup into this database (modules/backup): when the backup was taken and where each number
 * sequence resumed. Public verification reads it to tell a certificate printed after the backup from a forgery.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE register_restores (
      id integer PRIMARY KEY,
      restored_at timestamptz NOT NULL,
      backup_taken_at timestamptz NOT NULL,
      sequences jsonb NOT NULL
    )`.execute(db);
}
