import { randomInt } from 'node:crypto';
import { formatRegistrationNumber } from '@lifeline/domain';
import { sql } from 'kysely';
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

/**
 * The next registration number of an event type, in its format. Each event type counts on its own (B...01, B...02
 * and D...01, not one shared counter); the counter row is locked until the registering transaction ends, and the
 * unique constraint on event_actions.registration_number makes duplicates impossible, whatever the number of
 * offices or servers. A number already in the register (a legacy register's, kept by `lifeline import`) is
 * reserved: the counter moves past it.
 */
export async function nextRegistrationNumber(
  trx: Db,
  format: string,
  event: { id: string; code: string },
  year: number,
): Promise<string> {
  for (;;) {
    // Both of constant text, prepared: they run on every registration.
    const { rows } = await sql<{ n: string }>`${sql.raw(PREPARED_MARK)}
      INSERT INTO registration_counters (event_type, last) VALUES (${event.id}, 1)
      ON CONFLICT (event_type) DO UPDATE SET last = registration_counters.last + 1
      RETURNING last AS n`.execute(trx);
    const number = formatRegistrationNumber(format, { eventCode: event.code, year, sequence: Number(rows[0].n) });
    const { rows: taken } = await sql<{ one: number }>`${sql.raw(PREPARED_MARK)}
      SELECT 1 AS one FROM event_actions WHERE registration_number = ${number}`.execute(trx);
    if (!taken.length) return number;
  }
}
