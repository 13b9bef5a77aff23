import { sql, type Kysely } from 'kysely';

/**
 * Identity checks through the country's OpenID Connect provider (e-Signet style): one row per check of one person
 * of a record. While pending it holds what the callback needs (the state's hash, the PKCE verifier, the nonce);
 * once verified, the claims and the declaration fields they fill and lock. The verifier and nonce are erased then.
 * The next action on the record carries the verification in its content (stamped_action_id says which).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE identity_checks (
      id uuid PRIMARY KEY,
      event_id uuid NOT NULL REFERENCES events (id),
      person text NOT NULL,
      started_by text NOT NULL,
      state_hash text NOT NULL UNIQUE,
      code_verifier text,
      nonce text,
      status text NOT NULL,
      claims jsonb,
      fields jsonb,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      completed_at timestamptz,
      -- The action of the record whose content first carried this verification (hash-chained with it).
      stamped_action_id uuid
    )`.execute(db);
  await sql`CREATE INDEX identity_checks_event ON identity_checks (event_id, completed_at)
              WHERE status = 'verified'`.execute(db);
}
