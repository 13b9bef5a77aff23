import { sql, type Insertable, type Selectable } from 'kysely';
import type { Action } from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';
import { toAction } from '../events/repository.ts';
import { withCertificates, type CertificatesTable } from './tables.ts';

export type CertificateRow = Selectable<CertificatesTable>;

export async function insertCertificate(trx: Db, row: Insertable<CertificatesTable>): Promise<void> {
  await withCertificates(trx).insertInto('certificates').values(row).execute();
}

export function findCertificate(db: Db, id: string): Promise<CertificateRow | undefined> {
  return withCertificates(db).selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCertificateByAction(db: Db, actionId: string): Promise<CertificateRow | undefined> {
  return withCertificates(db)
    .selectFrom('certificates')
    .selectAll()
    .where('action_id', '=', actionId)
    .executeTakeFirst();
}

export function certificatesOfEvent(db: Db, eventId: string): Promise<CertificateRow[]> {
  return withCertificates(db)
    .selectFrom('certificates')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('printed_at')
    .orderBy('id')
    .execute();
}

/** How many times the record was printed before (the action log is the source of truth, not this table). */
export async function countPrints(db: Db, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('event_actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('type', '=', 'PRINT_CERTIFICATE')
    .where('status', '=', 'Accepted')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Certificate ids handed over by ISSUE_CERTIFICATE actions of a record. */
export async function issuedCertificateIds(db: Db, eventId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('event_actions')
    .select('content')
    .where('event_id', '=', eventId)
    .where('type', '=', 'ISSUE_CERTIFICATE')
    .execute();
  return new Set(rows.map((r) => r.content?.certificateId).filter((id): id is string => typeof id === 'string'));
}

/** The user who registered the record (the registrar whose name is printed), with their name. */
export function registrarOf(db: Db, eventId: string) {
  return (
    db
      .selectFrom('event_actions as a')
      // users.id is a uuid, actors are text (users or system clients).
      .leftJoin('users as u', (join) => join.on(sql<boolean>`u.id::text = a.created_by`))
      .select(['a.created_by', 'a.created_at', 'u.id as user_id', 'u.firstname', 'u.surname'])
      .where('a.event_id', '=', eventId)
      .where('a.type', '=', 'REGISTER')
      // A registration the national ID system confirmed was made by the registrar who asked for it.
      .where((eb) =>
        eb.or([
          eb('a.status', '=', 'Requested'),
          eb.and([eb('a.status', '=', 'Accepted'), sql<boolean>`a.content->>'requestId' IS NULL`]),
        ]),
      )
      .orderBy('a.seq', 'desc')
      .limit(1)
      .executeTakeFirst()
  );
}

/**
 * What later happened to the record of a certificate: revoked now, or corrected (an approved correction after the
 * print action in the record's log).
 */
export async function certificateStanding(db: Db, certificate: { event_id: string; action_id: string }) {
  const index = await db
    .selectFrom('event_index')
    .select('flags')
    .where('event_id', '=', certificate.event_id)
    .executeTakeFirst();
  const print = await db
    .selectFrom('event_actions')
    .select('seq')
    .where('id', '=', certificate.action_id)
    .executeTakeFirst();
  const correction = print
    ? await db
        .selectFrom('event_actions')
        .select('id')
        .where('event_id', '=', certificate.event_id)
        .where('type', '=', 'APPROVE_CORRECTION')
        .where('status', '=', 'Accepted')
        .where('seq', '>', print.seq)
        .limit(1)
        .executeTakeFirst()
    : undefined;
  return {
    revoked: !!index?.flags.includes('revoked'),
    corrected: !!correction,
  };
}

/** A record's actions in order, from the log itself (not the projection). */
export async function actionsOf(db: Db, eventId: string): Promise<Action[]> {
  const rows = await db
    .selectFrom('event_actions')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('seq')
    .execute();
  return rows.map(toAction);
}
