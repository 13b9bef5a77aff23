import type { Action, EventState, Flag } from '@lifeline/domain';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { EventActionsTable, EventIndexTable } from '../../db/schema.ts';
import { GENESIS_HASH, chainHash } from '../../lib/hash.ts';

type ActionRow = Selectable<EventActionsTable>;
export type IndexRow = Selectable<EventIndexTable>;

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const json = (v: Record<string, unknown> | null | undefined) => (v ? JSON.stringify(v) : null);

/** The fields an action's hash covers, in one place so writing (here) and `verify-log` agree. */
export function actionHashInput(eventId: string, seq: number, a: Action) {
  return { eventId, seq, ...a };
}

export function toAction(row: ActionRow): Action {
  return {
    id: row.id,
    type: row.type as Action['type'],
    status: row.status as Action['status'],
    transactionId: row.transaction_id,
    createdBy: row.created_by,
    createdByRole: row.created_by_role,
    createdAtLocation: row.created_at_location,
    createdAt: iso(row.created_at),
    declaration: row.declaration,
    annotation: row.annotation,
    content: row.content,
    registrationNumber: row.registration_number,
  };
}

export function toState(row: IndexRow): EventState {
  return {
    status: row.status as EventState['status'],
    flags: row.flags as Flag[],
    declaration: row.declaration,
    assignedTo: row.assigned_to,
    registrationNumber: row.registration_number,
    createdBy: row.created_by,
    createdAtLocation: row.created_at_location,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    declaredAt: isoOrNull(row.declared_at),
    registeredAt: isoOrNull(row.registered_at),
    registeredAtLocation: row.registered_at_location,
    deleted: false,
  };
}

export async function insertEvent(trx: Db, row: { id: string; type: string; trackingId: string; createdAt: string }) {
  await trx
    .insertInto('events')
    .values({ id: row.id, type: row.type, tracking_id: row.trackingId, created_at: row.createdAt, version: 0 })
    .execute();
}

/** Lock a record for the rest of the transaction: writes to one record are serialised, never lost. */
export function lockEvent(trx: Db, id: string) {
  return trx.selectFrom('events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setVersion(trx: Db, id: string, version: number) {
  await trx.updateTable('events').set({ version }).where('id', '=', id).execute();
}

export function findEventByCreateTransaction(db: Db, transactionId: string) {
  return db
    .selectFrom('event_actions')
    .select(['event_id', 'created_by'])
    .where('type', '=', 'CREATE')
    .where('transaction_id', '=', transactionId)
    .executeTakeFirst();
}

export async function hasAction(trx: Db, eventId: string, transactionId: string, type: string): Promise<boolean> {
  const row = await trx
    .selectFrom('event_actions')
    .select('id')
    .where('event_id', '=', eventId)
    .where('transaction_id', '=', transactionId)
    .where('type', '=', type)
    .executeTakeFirst();
  return !!row;
}

/** Append actions to a record's hash chain. The caller holds the record's lock. */
export async function appendActions(trx: Db, eventId: string, actions: Action[]): Promise<void> {
  const last = await trx
    .selectFrom('event_actions')
    .select(['seq', 'hash'])
    .where('event_id', '=', eventId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows: Insertable<EventActionsTable>[] = [];
  for (const a of actions) {
    seq += 1;
    const hash = chainHash(prevHash, actionHashInput(eventId, seq, a));
    rows.push({
      id: a.id,
      event_id: eventId,
      seq,
      type: a.type,
      status: a.status,
      transaction_id: a.transactionId,
      created_by: a.createdBy,
      created_by_role: a.createdByRole,
      created_at_location: a.createdAtLocation,
      created_at: a.createdAt,
      declaration: json(a.declaration),
      annotation: json(a.annotation),
      content: json(a.content),
      registration_number: a.registrationNumber,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  await trx.insertInto('event_actions').values(rows).execute();
}

export async function listActions(db: Db, eventId: string): Promise<Action[]> {
  const rows = await db
    .selectFrom('event_actions')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('seq')
    .execute();
  return rows.map(toAction);
}

export function readIndex(db: Db, eventId: string) {
  return db.selectFrom('event_index').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

export type IndexWrite = Insertable<EventIndexTable>;

export async function writeIndex(trx: Db, row: IndexWrite): Promise<void> {
  const { event_id: _id, ...update } = row;
  await trx
    .insertInto('event_index')
    .values(row)
    .onConflict((oc) => oc.column('event_id').doUpdateSet(update))
    .execute();
}

export async function removeIndex(trx: Db, eventId: string): Promise<void> {
  await trx.deleteFrom('event_index').where('event_id', '=', eventId).execute();
}

export async function deleteDrafts(trx: Db, eventId: string, userId?: string): Promise<void> {
  let q = trx.deleteFrom('drafts').where('event_id', '=', eventId);
  if (userId) q = q.where('user_id', '=', userId);
  await q.execute();
}

export function readDraft(db: Db, eventId: string, userId: string) {
  return db
    .selectFrom('drafts')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function saveDraft(
  db: Db,
  row: {
    eventId: string;
    userId: string;
    declaration: Record<string, unknown>;
    annotation: Record<string, unknown> | null;
  },
) {
  const values = {
    event_id: row.eventId,
    user_id: row.userId,
    declaration: JSON.stringify(row.declaration),
    annotation: json(row.annotation),
    updated_at: new Date(),
  };
  await db
    .insertInto('drafts')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['event_id', 'user_id']).doUpdateSet({
        declaration: values.declaration,
        annotation: values.annotation,
        updated_at: values.updated_at,
      }),
    )
    .execute();
  return values;
}

/** The changes proposed by the latest correction request of a record. */
export async function pendingCorrection(trx: Db, eventId: string): Promise<Record<string, unknown> | null> {
  const row = await trx
    .selectFrom('event_actions')
    .select('declaration')
    .where('event_id', '=', eventId)
    .where('type', '=', 'REQUEST_CORRECTION')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.declaration ?? null;
}
