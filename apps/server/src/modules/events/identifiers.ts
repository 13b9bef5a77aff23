import { randomInt } from 'node:crypto';
import { formatRegistrationNumber } from '@lifeline/domain';
import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { PREPARED_MARK } from '../../db/prepared.ts';

// No 0/O, 1/I/L, 5/S: tracking ids are read aloud and typed by hand.
const TRACKING_ALPHABET = '2346789ABCDEFGHJKMNPQRTUVWXYZ';
const TRACKING_LENGTH = 7;

/** A tracking id such as "B7K3MX9Q": event code + 7 characters from a cryptographic random source. */
export function newTrackingId(eventCode: string): string {
  let id = eventCode;
  for (let i = 0; i < TRACKING_LENGTH; i++) id += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return id;
}

/** The database sequence counting an event type's registrations (event ids are lowercase words joined by -). */
export function registrationSequence(eventType: string): string {
  return `registration_sequence_${eventType.replaceAll('-', '_')}`;
}

/**
 * A number formatted in SQL from a format's literal parts and {seq:N} widths (one fewer: a part, a width, a
 * part...), as formatRegistrationNumber does: a sequence longer than its width is written whole. `n` the value,
 * `parts` and `widths` the placeholders of the two arrays.
 */
export const formatInSql = (n: string, parts: string, widths: string) => `(
    SELECT string_agg(p.lit || CASE WHEN p.width IS NULL THEN '' ELSE lpad(${n}::text, greatest(p.width, length(${n}::text)), '0') END, '' ORDER BY p.i)
    FROM unnest(${parts}::text[], ${widths}::int[]) WITH ORDINALITY AS p(lit, width, i))`;

/**
 * Draw the next value of an event type's sequence and say whether its number is already in the register: one round
 * trip, constant text (prepared). $1 sequence name, $2 literal parts, $3 widths. A missing sequence draws null.
 */
const DRAW = `${PREPARED_MARK}
SELECT d.n::text AS n, d.n IS NOT NULL AND EXISTS (
  SELECT 1 FROM event_actions WHERE registration_number = ${formatInSql('d.n', '$2', '$3')}) AS taken
FROM (SELECT nextval(to_regclass($1)) AS n) d`;

/** A format's literal parts and sequence widths for a year: "B{year}{seq:7}" -> ["B2026", ""], [7]. */
export function formatParts(format: string, eventCode: string, year: number): { parts: string[]; widths: number[] } {
  const filled = format.replaceAll('{eventCode}', eventCode).replaceAll('{year}', String(year));
  const pieces = filled.split(/\{seq:(\d+)\}/);
  return {
    parts: pieces.filter((_, i) => i % 2 === 0),
    widths: pieces.filter((_, i) => i % 2 === 1).map(Number),
  };
}

/**
 * The next registration number of an event type, in its format. Each event type counts on its own (B...01, B...02
 * and D...01) with a database sequence: drawing a number locks nothing, so registrations in different records never
 * wait for one another (a counter row locked until commit queued every registration behind the one before,
 * issue 15). The unique constraint on event_actions.registration_number makes duplicates impossible, whatever the
 * number of offices or servers. A number already in the register (a legacy register's, kept by `lifeline import`)
 * is skipped. A registration that fails after its draw leaves a gap in the sequence, as a restore does on purpose.
 */
export async function nextRegistrationNumber(
  trx: Db,
  format: string,
  event: { id: string; code: string },
  year: number,
): Promise<string> {
  const { parts, widths } = formatParts(format, event.code, year);
  const sequence = registrationSequence(event.id);
  for (;;) {
    const { rows } = await trx.executeQuery<{ n: string | null; taken: boolean }>(
      CompiledQuery.raw(DRAW, [sequence, parts, widths]),
    );
    const [{ n, taken }] = rows;
    if (n === null) await ensureRegistrationSequence(trx, event.id);
    else if (!taken) return formatRegistrationNumber(format, { eventCode: event.code, year, sequence: Number(n) });
  }
}

/**
 * Create an event type's sequence if it has none. The owner creates every configured type's at start and at
 * `lifeline migrate` (the server's own role may not create anything); a type first drawn without one (one role doing
 * both, as on the embedded database) gets it then. Transactional like any DDL: a second transaction creating the
 * same one waits on the advisory lock, then finds it. `registration_counters` lists the event types that have one,
 * with the floor a restore of a backup from before sequences starts above.
 */
export async function ensureRegistrationSequence(trx: Db, eventType: string): Promise<void> {
  const name = registrationSequence(eventType);
  const exists = async () =>
    (await sql<{ found: boolean }>`SELECT to_regclass(${name}) IS NOT NULL AS found`.execute(trx)).rows[0].found;
  if (!(await exists())) {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`registration_sequence:${eventType}`}))`.execute(trx);
    await sql`CREATE SEQUENCE IF NOT EXISTS ${sql.id(name)}`.execute(trx);
  }
  await sql`INSERT INTO registration_counters (event_type, last) VALUES (${eventType}, 0) ON CONFLICT DO NOTHING`.execute(
    trx,
  );
}

/** Every listed event type's sequence, created where missing (the owner's work, see ensureRegistrationSequence). */
export async function ensureRegistrationSequences(owner: Db, eventTypes: Iterable<string>): Promise<void> {
  for (const eventType of eventTypes) await ensureRegistrationSequence(owner, eventType);
}

/** Move an event type's sequence so that its next number is above `atLeast` (never back). */
export async function raiseRegistrationSequence(trx: Db, eventType: string, atLeast: number): Promise<number> {
  await ensureRegistrationSequence(trx, eventType);
  const name = registrationSequence(eventType);
  const { rows } = await sql<{ value: string }>`
    SELECT CASE WHEN ${atLeast}::bigint > coalesce(s.last_value, 0) THEN setval(${name}::regclass, ${atLeast}::bigint)
      ELSE coalesce(s.last_value, 0) END::text AS value
    FROM pg_sequences s WHERE s.schemaname = current_schema() AND s.sequencename = ${name}`.execute(trx);
  return Number(rows[0].value);
}
