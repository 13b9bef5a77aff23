import { sql, type Kysely } from 'kysely';

/** Searches a user saved by name, to run again from the search page. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE saved_searches (
      id uuid PRIMARY KEY,
      user_id text NOT NULL,
      name text NOT NULL,
      query jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (user_id, name)
    )`.execute(db);
}
