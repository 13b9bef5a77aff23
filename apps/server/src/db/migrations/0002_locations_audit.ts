import { sql, type Kysely } from 'kysely';

/** Locations (one hierarchical table), their population statistics, and the hash-chained audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE locations (
      id text PRIMARY KEY,
      name text NOT NULL,
      type text NOT NULL,
      parent_id text,
      level integer,
      path text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX locations_parent ON locations (parent_id, type, name)`.execute(db);
  await sql`CREATE INDEX locations_type_name ON locations (type, lower(name))`.execute(db);
  await sql`CREATE INDEX locations_path ON locations (path text_pattern_ops)`.execute(db);

  await sql`
    CREATE TABLE location_statistics (
      location_id text NOT NULL,
      year integer NOT NULL,
      male_population integer NOT NULL,
      female_population integer NOT NULL,
      population integer NOT NULL,
      crude_birth_rate real NOT NULL,
      PRIMARY KEY (location_id, year)
    )`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      stream text NOT NULL,
      actor_id text,
      actor_role text,
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      ip text,
      details jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX audit_log_stream ON audit_log (stream, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_actor ON audit_log (actor_id, id DESC)`.execute(db);
  await sql`CREATE TRIGGER audit_log_append_only_row BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION lifeline_forbid_change()`.execute(db);
  await sql`CREATE TRIGGER audit_log_append_only_statement BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION lifeline_forbid_change()`.execute(db);
}
