import { sql, type Kysely } from 'kysely';

/**
 * Guessing limits that hold across server copies: wrong passwords and wrong codes per username typed (known or
 * not, so the answers reveal nothing), per known device (a login from a device that logged in before is not
 * slowed by a stranger's guesses), and per-IP counters across usernames. Challenges remember the username they
 * were issued for, and decoys (issued while an account is being guessed at) never accept any code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_throttle (
      username text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      last_failure_at timestamptz,
      blind_until timestamptz,
      code_failures integer NOT NULL DEFAULT 0,
      code_window_start timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE known_devices (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      last_used_at timestamptz NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      last_failure_at timestamptz,
      blind_until timestamptz
    )`.execute(db);
  await sql`CREATE INDEX known_devices_user ON known_devices (user_id)`.execute(db);

  await sql`
    CREATE TABLE auth_rate_limits (
      key text PRIMARY KEY,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL
    )`.execute(db);

  await sql`ALTER TABLE login_challenges ALTER COLUMN user_id DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE login_challenges ADD COLUMN username text`.execute(db);
  await sql`ALTER TABLE login_challenges ADD COLUMN decoy boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE login_challenges ADD COLUMN device_hash text`.execute(db);
  await sql`UPDATE login_challenges c SET username = u.username FROM users u WHERE u.id = c.user_id`.execute(db);
  await sql`CREATE INDEX login_challenges_open ON login_challenges (username, created_at) WHERE consumed_at IS NULL`.execute(
    db,
  );
}
