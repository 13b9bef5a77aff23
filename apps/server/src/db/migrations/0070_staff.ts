import { sql, type Kysely } from 'kysely';

/**
 * Staff management and onboarding: more about each user (ID number, language, where codes go, signature,
 * whether they finished onboarding), one-time tokens (invitations, password resets) and the history of each
 * user's electronic signature (a certificate prints the signature in force when its record was registered).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users
      ADD COLUMN nid text,
      ADD COLUMN language text,
      ADD COLUMN preferred_channel text,
      ADD COLUMN signature_file_id text,
      ADD COLUMN onboarded_at timestamptz,
      ADD COLUMN created_by text`.execute(db);
  // Accounts that exist already were set up before onboarding existed: nothing to show them.
  await sql`UPDATE users SET onboarded_at = created_at`.execute(db);
  await sql`CREATE INDEX users_office ON users (primary_office_id, surname, firstname)`.execute(db);
  await sql`CREATE INDEX users_email ON users (lower(email))`.execute(db);
  await sql`CREATE INDEX users_mobile ON users (mobile)`.execute(db);

  await sql`
    CREATE TABLE user_tokens (
      id uuid PRIMARY KEY,
      user_id uuid REFERENCES users(id),
      purpose text NOT NULL,
      token_hash text UNIQUE,
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      consumed_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose)`.execute(db);

  await sql`
    CREATE TABLE user_signatures (
      user_id uuid NOT NULL REFERENCES users(id),
      file_id text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, created_at)
    )`.execute(db);
}
