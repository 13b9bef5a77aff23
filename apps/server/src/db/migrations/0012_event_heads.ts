import { sql, type Kysely } from 'kysely';

/**
 * Each record's chain heads kept on its row: the last action's sequence number and hash, and the hash of its audit
 * stream's last entry. Writers hold the row lock anyway, so reading the heads costs no extra query.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE events ADD COLUMN last_seq integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE events ADD COLUMN last_hash text`.execute(db);
  await sql`ALTER TABLE events ADD COLUMN audit_hash text`.execute(db);
  await sql`
    UPDATE events e SET last_seq = a.seq, last_hash = a.hash
    FROM (SELECT DISTINCT ON (event_id) event_id, seq, hash FROM event_actions ORDER BY event_id, seq DESC) a
    WHERE a.event_id = e.id`.execute(db);
  await sql`
    UPDATE events e SET audit_hash = l.hash
    FROM (SELECT DISTINCT ON (stream) stream, hash FROM audit_log WHERE stream LIKE 'event:%' ORDER BY stream, id DESC) l
    WHERE l.stream = 'event:' || e.id::text`.execute(db);
}
