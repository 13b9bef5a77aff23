import { sql, type Kysely } from 'kysely';

/**
 * When each location last changed, so devices keep a full copy up to date with `updatedSince` instead of
 * downloading every location again. A trigger stamps real changes only (the start-up seed rewrites every row with
 * the same values), whatever code writes the table; deletions leave a tombstone devices learn from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // 0080 (locations created through the API) adds the same column: whichever runs first adds it.
  await sql`ALTER TABLE locations ADD COLUMN IF NOT EXISTS updated_at timestamptz`.execute(db);
  await sql`UPDATE locations SET updated_at = now() WHERE updated_at IS NULL`.execute(db);
  await sql`ALTER TABLE locations ALTER COLUMN updated_at SET DEFAULT now(), ALTER COLUMN updated_at SET NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX IF NOT EXISTS locations_updated_at ON locations (updated_at)`.execute(db);
  await sql`
    CREATE TABLE locations_removed (
      id text PRIMARY KEY,
      removed_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX locations_removed_at ON locations_removed (removed_at)`.execute(db);
  await sql`
    CREATE FUNCTION lifeline_location_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        INSERT INTO locations_removed (id, removed_at) VALUES (OLD.id, now())
          ON CONFLICT (id) DO UPDATE SET removed_at = excluded.removed_at;
        RETURN OLD;
      END IF;
      IF TG_OP = 'INSERT' THEN
        NEW.updated_at := now();
        DELETE FROM locations_removed WHERE id = NEW.id;
      ELSIF (to_jsonb(NEW) - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'updated_at') THEN
        NEW.updated_at := now();
      ELSE
        NEW.updated_at := OLD.updated_at;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER locations_changed BEFORE INSERT OR UPDATE ON locations
      FOR EACH ROW EXECUTE FUNCTION lifeline_location_changed()`.execute(db);
  await sql`
    CREATE TRIGGER locations_removed_log AFTER DELETE ON locations
      FOR EACH ROW EXECUTE FUNCTION lifeline_location_changed()`.execute(db);
}
