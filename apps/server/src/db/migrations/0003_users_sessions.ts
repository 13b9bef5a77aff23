import { sql, type Kysely } from 'kysely';

/** Staff accounts, refresh-token sessions, and pending one-time-code challenges of the login flow. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY,
      username text NOT NULL UNIQUE,
      firstname text NOT NULL,
      surname text NOT NULL,
      role text NOT NULL,
      primary_office_id text NOT NULL,
      mobile text,
      email text,
      status text NOT NULL DEFAULT 'active',
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT false,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      refresh_token_hash text NOT NULL UNIQUE,
      family_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      replaced_by uuid
    )`.execute(db);
  await sql`CREATE INDEX sessions_family ON sessions (family_id)`.execute(db);

  await sql`
    CREATE TABLE login_challenges (
      nonce text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      consumed_at timestamptz
    )`.execute(db);
}
