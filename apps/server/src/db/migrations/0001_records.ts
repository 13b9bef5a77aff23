import { sql, type Kysely } from 'kysely';

/** Records: events, their append-only hash-chained actions, the current-state projection, drafts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION lifeline_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
    END $$`.execute(db);

  await sql`
    CREATE TABLE events (
      id uuid PRIMARY KEY,
      type text NOT NULL,
      tracking_id text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 0
    )`.execute(db);

  await sql`
    CREATE TABLE event_actions (
      id uuid PRIMARY KEY,
      event_id uuid NOT NULL REFERENCES events(id),
      seq integer NOT NULL,
      type text NOT NULL,
      status text NOT NULL,
      transaction_id text NOT NULL,
      created_by text NOT NULL,
      created_by_role text NOT NULL,
      created_at_location text,
      created_at timestamptz NOT NULL,
      declaration jsonb,
      annotation jsonb,
      content jsonb,
      registration_number text UNIQUE,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      UNIQUE (event_id, seq),
      UNIQUE (event_id, transaction_id, type)
    )`.execute(db);
  // Creating a record is idempotent on its transaction id alone.
  await sql`CREATE UNIQUE INDEX event_actions_create_tx ON event_actions (transaction_id) WHERE type = 'CREATE'`.execute(
    db,
  );
  for (const op of ['UPDATE OR DELETE', 'TRUNCATE']) {
    const each = op === 'TRUNCATE' ? 'STATEMENT' : 'ROW';
    await sql
      .raw(
        `CREATE TRIGGER event_actions_append_only_${each.toLowerCase()} BEFORE ${op} ON event_actions
         FOR EACH ${each} EXECUTE FUNCTION lifeline_forbid_change()`,
      )
      .execute(db);
  }

  await sql`
    CREATE TABLE event_index (
      event_id uuid PRIMARY KEY REFERENCES events(id),
      type text NOT NULL,
      tracking_id text NOT NULL UNIQUE,
      status text NOT NULL,
      flags text[] NOT NULL DEFAULT '{}',
      assigned_to text,
      declaration jsonb NOT NULL,
      registration_number text UNIQUE,
      title text NOT NULL DEFAULT '',
      date_of_event date,
      place_of_event text,
      place_of_event_path text,
      created_by text NOT NULL,
      created_at_location text,
      created_at_location_path text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      declared_at timestamptz,
      registered_at timestamptz,
      registered_at_location text,
      version integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX event_index_status ON event_index (status, updated_at DESC)`.execute(db);
  await sql`CREATE INDEX event_index_assigned ON event_index (assigned_to) WHERE assigned_to IS NOT NULL`.execute(db);
  await sql`CREATE INDEX event_index_created_by ON event_index (created_by, updated_at DESC)`.execute(db);

  await sql`CREATE SEQUENCE registration_number_seq`.execute(db);

  await sql`
    CREATE TABLE drafts (
      event_id uuid NOT NULL REFERENCES events(id),
      user_id text NOT NULL,
      declaration jsonb NOT NULL,
      annotation jsonb,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (event_id, user_id)
    )`.execute(db);
}
