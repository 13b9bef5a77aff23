import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { withCredentials, type CredentialsTable } from './tables.ts';

export async function nextStatusIndex(trx: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('credential_status_seq')::bigint AS n`.execute(trx);
  return Number(rows[0].n);
}

/** The sequence number of the record's last action (a correction after it makes a credential stale). */
export async function lastActionSeq(trx: Db, eventId: string): Promise<number> {
  const row = await trx
    .selectFrom('event_actions')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function insertCredential(trx: Db, row: Insertable<CredentialsTable>): Promise<void> {
  await withCredentials(trx).insertInto('credentials').values(row).execute();
}

/**
 * Status indexes in [from, to) whose credential no longer holds, for good: the record was corrected (an approved
 * correction later in its log than the credential's issue). A revocation status bit never turns off again.
 */
export async function revokedStatusIndexes(db: Db, from: number, to: number): Promise<number[]> {
  const rows = await withCredentials(db)
    .selectFrom('credentials as c')
    .select('c.status_index')
    .where('c.status_index', '>=', from)
    .where('c.status_index', '<', to)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_actions as a')
          .select('a.id')
          .whereRef('a.event_id', '=', 'c.event_id')
          .where('a.type', '=', 'APPROVE_CORRECTION')
          .where('a.status', '=', 'Accepted')
          .whereRef('a.seq', '>', 'c.issued_after_seq'),
      ),
    )
    .execute();
  return rows.map((r) => Number(r.status_index));
}

/**
 * Status indexes in [from, to) whose credential is suspended: its registration is revoked now. Reversible (a
 * REINSTATE lifts it), so it has its own list (statusPurpose suspension), apart from the revocation list.
 */
export async function suspendedStatusIndexes(db: Db, from: number, to: number): Promise<number[]> {
  const rows = await withCredentials(db)
    .selectFrom('credentials as c')
    .innerJoin('event_index as i', 'i.event_id', 'c.event_id')
    .select('c.status_index')
    .where('c.status_index', '>=', from)
    .where('c.status_index', '<', to)
    .where(sql<boolean>`'revoked' = ANY(i.flags)`)
    .execute();
  return rows.map((r) => Number(r.status_index));
}

/** Count one verification of an unknown certificate id in this hour's row for its channel (page or API). */
export async function countVerificationMiss(db: Db, via: 'page' | 'api'): Promise<void> {
  await sql`
    INSERT INTO verification_misses (hour, via, count) VALUES (date_trunc('hour', now()), ${via}, 1)
    ON CONFLICT (hour, via) DO UPDATE SET count = verification_misses.count + 1`.execute(db);
}

/** Unknown-id verifications per hour and channel, newest first (operators read these; see docs/security.md). */
export async function verificationMisses(db: Db, hours = 24) {
  const { rows } = await sql<{ hour: Date; via: string; count: string }>`
    SELECT hour, via, count FROM verification_misses
    WHERE hour > now() - make_interval(hours => ${hours}) ORDER BY hour DESC, via`.execute(db);
  return rows.map((r) => ({ hour: new Date(r.hour).toISOString(), via: r.via, count: Number(r.count) }));
}

/** The last restore of a backup into this register (migration 0101), if any. */
export async function latestRestore(db: Db): Promise<{ backup_taken_at: Date } | undefined> {
  const { rows } = await sql<{ backup_taken_at: Date }>`
    SELECT backup_taken_at FROM register_restores ORDER BY id DESC LIMIT 1`.execute(db);
  return rows[0];
}
