import { sql, type Kysely } from 'kysely';

/**
 * One row per login (the `sid` of its access tokens, the family of its refresh tokens): ending it ends every
 * token of that login at once. A change of a user's status, role or office ends all their logins in the same
 * transaction, whichever code makes it; any change that matters to sessions is announced on the
 * `lifeline_sessions` channel so every server copy drops what it cached.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_sessions (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text
    )`.execute(db);
  await sql`CREATE INDEX login_sessions_live ON login_sessions (user_id) WHERE ended_at IS NULL`.execute(db);
  await sql`
    INSERT INTO login_sessions (id, user_id, created_at, expires_at, ended_at, end_reason)
    SELECT family_id, (array_agg(user_id))[1], min(created_at), max(expires_at),
           CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END,
           CASE WHEN bool_and(revoked_at IS NOT NULL) THEN 'ended' END
    FROM sessions GROUP BY family_id`.execute(db);

  // Refresh tokens exchanged within the grace window give siblings (two tabs refreshing at once): counted here.
  await sql`ALTER TABLE sessions ADD COLUMN siblings integer NOT NULL DEFAULT 0`.execute(db);
  await sql`CREATE INDEX sessions_live_user ON sessions (user_id) WHERE revoked_at IS NULL`.execute(db);

  await sql`
    CREATE FUNCTION lifeline_user_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status IS DISTINCT FROM OLD.status OR NEW.role IS DISTINCT FROM OLD.role
         OR NEW.primary_office_id IS DISTINCT FROM OLD.primary_office_id THEN
        UPDATE login_sessions SET ended_at = now(), end_reason = 'account-changed'
          WHERE user_id = NEW.id AND ended_at IS NULL;
        UPDATE sessions SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
      END IF;
      PERFORM pg_notify('lifeline_sessions', 'user:' || NEW.id::text);
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER users_sessions_changed AFTER UPDATE ON users FOR EACH ROW
    WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW.role IS DISTINCT FROM OLD.role
          OR NEW.primary_office_id IS DISTINCT FROM OLD.primary_office_id
          OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
          OR NEW.must_change_password IS DISTINCT FROM OLD.must_change_password)
    EXECUTE FUNCTION lifeline_user_sessions_changed()`.execute(db);
}
