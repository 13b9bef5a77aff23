import { sql, type Kysely } from 'kysely';

/**
 * Certificates (one row per print, append-only: the content printed, so the PDF is the same every time), the
 * payments taken for them (append-only, receipt numbers from a national sequence), and verifiable credentials
 * (their position in the public revocation status list).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE certificates (
      id text PRIMARY KEY,
      event_id uuid NOT NULL REFERENCES events(id),
      -- The PRINT_CERTIFICATE action is appended after this row, in the same transaction.
      action_id uuid NOT NULL UNIQUE REFERENCES event_actions(id) DEFERRABLE INITIALLY DEFERRED,
      transaction_id text NOT NULL,
      template_id text NOT NULL,
      kind text NOT NULL,
      event_type text NOT NULL,
      registration_number text NOT NULL,
      subject_name text NOT NULL,
      date_of_event date,
      print_in_advance boolean NOT NULL,
      printed_by text NOT NULL,
      printed_at timestamptz NOT NULL,
      printed_at_location text,
      content jsonb NOT NULL,
      jws text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX certificates_event ON certificates (event_id, printed_at)`.execute(db);

  await sql`CREATE SEQUENCE payment_receipt_seq`.execute(db);
  await sql`
    CREATE TABLE payments (
      id uuid PRIMARY KEY,
      event_id uuid NOT NULL REFERENCES events(id),
      certificate_id text REFERENCES certificates(id),
      amount numeric(12, 2) NOT NULL CHECK (amount >= 0),
      currency text NOT NULL,
      method text NOT NULL,
      receipt_number text NOT NULL UNIQUE,
      office_id text NOT NULL,
      user_id text NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX payments_office_day ON payments (office_id, created_at)`.execute(db);
  await sql`CREATE INDEX payments_day ON payments (created_at)`.execute(db);

  await sql`CREATE SEQUENCE credential_status_seq MINVALUE 0 START 0`.execute(db);
  await sql`
    CREATE TABLE credentials (
      id uuid PRIMARY KEY,
      event_id uuid NOT NULL REFERENCES events(id),
      type text NOT NULL,
      status_index bigint NOT NULL UNIQUE,
      -- The record's last action when the credential was issued: a correction after it revokes the credential.
      issued_after_seq integer NOT NULL,
      issued_by text NOT NULL,
      issued_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX credentials_event ON credentials (event_id)`.execute(db);

  for (const table of ['certificates', 'payments', 'credentials']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_append_only_row BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION lifeline_forbid_change()`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_append_only_statement BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION lifeline_forbid_change()`,
      )
      .execute(db);
  }
}
