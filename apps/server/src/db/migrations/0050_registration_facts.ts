import { sql, type Kysely } from 'kysely';

/**
 * registration_facts: one narrow row per registered record, upserted in the same statement as the record's
 * projection (see modules/statistics/facts.ts). Statistics are GROUP BYs over its covering indexes: by date of
 * registration, and by date of the event (completeness, tabulations). No shared counter row, so registrations
 * never wait on each other. Existing records get their rows from the projection rebuild that the raised
 * PROJECTION_VERSION starts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE registration_facts (
      event_id uuid PRIMARY KEY REFERENCES events(id),
      event_type text NOT NULL,
      registered_on date NOT NULL,
      event_date date,
      area1 text,
      area2 text,
      area3 text,
      area4 text,
      office_id text,
      registrar_id text,
      sex text NOT NULL,
      timeliness text NOT NULL,
      place_type text NOT NULL,
      age_group text,
      mother_age_group text,
      subject_age smallint,
      mother_age smallint,
      birth_weight real,
      cause_chapter text,
      days_to_register integer,
      declaration_days real,
      quality text[] NOT NULL DEFAULT '{}',
      revoked boolean NOT NULL DEFAULT false
    )`.execute(db);
  await sql`
    CREATE INDEX registration_facts_registered ON registration_facts (event_type, registered_on)
    INCLUDE (area1, area2, area3, area4, office_id, registrar_id, sex, timeliness, place_type, age_group,
             mother_age_group, days_to_register, declaration_days)
    WHERE NOT revoked`.execute(db);
  await sql`
    CREATE INDEX registration_facts_occurred ON registration_facts (event_type, event_date)
    INCLUDE (area1, area2, area3, area4, timeliness, sex, place_type, age_group, mother_age_group, cause_chapter)
    WHERE NOT revoked`.execute(db);
  await sql`
    CREATE INDEX registration_facts_quality ON registration_facts (event_type, registered_on)
    WHERE NOT revoked AND quality <> '{}'`.execute(db);
  // Certificates printed per office and month.
  await sql`CREATE INDEX certificates_printed_at ON certificates (printed_at)`.execute(db);
}
