import { sql, type Kysely } from 'kysely';

/**
 * Integration clients (OAuth2 client credentials). Only a hash of each secret is kept; `secret_generation` goes
 * up with every rotation and is written into the client's tokens, so a rotation (or disabling) stops every token
 * issued before it on the next request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE system_clients (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      type text NOT NULL,
      scopes text[] NOT NULL,
      office_id text,
      secret_hash text NOT NULL,
      secret_generation integer NOT NULL DEFAULT 1,
      secret_rotated_at timestamptz,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      disabled_at timestamptz,
      disabled_by text
    )`.execute(db);
  await sql`CREATE INDEX system_clients_created ON system_clients (created_at DESC)`.execute(db);
}
