import { NO_LEGAL_STATUSES, type Action, type EventState, type Flag, type LegalStatuses } from '@lifeline/domain';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { PREPARED_MARK } from '../../db/prepared.ts';
import type { AuditLogTable, EventActionsTable, EventIndexTable } from '../../db/schema.ts';
import { GENESIS_HASH, chainHash } from '../../lib/hash.ts';
import { lexiconRows } from '../search/lexicon.ts';
import type { QueuedJob } from './changes.ts';
import { writeStatement } from './write-statement.ts';
import type { FactsWrite } from '../statistics/tables.ts';

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
    createdByUserType: row.created_by_user_type === 'system' ? 'system' : 'user',
    updatedBy: row.updated_by ?? row.created_by,
    updatedByRole: row.updated_by_role ?? '',
    updatedAtLocation: row.updated_at_location,
    legalStatuses: (row.legal_statuses as unknown as LegalStatuses | null) ?? NO_LEGAL_STATUSES,
    deleted: false,
  };
}

/** A locked record: its row (with chain heads), its current projection, and whether this request is a replay. */
export interface LockedRecord {
  event: {
    id: string;
    type: string;
    tracking_id: string;
    version: number;
    last_seq: number;
    last_hash: string | null;
    audit_hash: string | null;
    checked_hash: string | null;
  };
  index: IndexRow;
  replay: boolean;
}

/** How the record remembers the last request that wrote to it (events.last_request). */
export const requestKey = (type: string, transactionId: string) => `${type}:${transactionId}`;

type LockedRow = IndexRow & {
  head_version: number;
  head_last_seq: number;
  head_last_hash: string | null;
  head_audit_hash: string | null;
  head_checked_hash: string | null;
  replay: boolean;
};

/**
 * Lock a record for the rest of the transaction and read everything a write needs, in ONE statement of constant
 * text (prepared): writes to one record are serialised, never lost. Both rows are locked, so a statement that
 * waited for the lock reads their newest versions (PostgreSQL re-reads locked rows; anything else it reads is as
 * of its start). That is why a replay is recognised by the record's `last_request` as well as by the log: the
 * request that just committed, while this one waited, is the record's last; an older one was in the log before.
 */
export async function lockRecord(
  trx: Db,
  id: string,
  transactionId: string,
  type: string,
): Promise<LockedRecord | undefined> {
  const { rows } = await sql<LockedRow>`${PREPARED}
    SELECT e.version AS head_version, e.last_seq AS head_last_seq, e.last_hash AS head_last_hash,
           e.audit_hash AS head_audit_hash, e.checked_hash AS head_checked_hash, i.*,
           e.last_request IS NOT DISTINCT FROM ${requestKey(type, transactionId)} OR EXISTS (
             SELECT 1 FROM event_actions a WHERE a.event_id = e.id AND a.transaction_id = ${transactionId} AND a.type = ${type}
           ) AS replay
    FROM events e JOIN event_index i ON i.event_id = e.id
    WHERE e.id = ${id}
    FOR UPDATE OF e, i`.execute(trx);
  const row = rows[0];
  if (!row) return undefined;
  const { head_version, head_last_seq, head_last_hash, head_audit_hash, head_checked_hash, replay, ...index } = row;
  return {
    event: {
      id,
      type: index.type,
      tracking_id: index.tracking_id,
      version: head_version,
      last_seq: head_last_seq,
      last_hash: head_last_hash,
      audit_hash: head_audit_hash,
      checked_hash: head_checked_hash,
    },
    index: index as IndexRow,
    replay: Boolean(replay),
  };
}

/** Action rows chained after the record's head; returns them and the new head. */
export function chainActions(eventId: string, head: { seq: number; hash: string | null }, actions: Action[]) {
  let seq = head.seq;
  let prevHash = head.hash ?? GENESIS_HASH;
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
  return { rows, head: { seq, hash: prevHash } };
}

export interface RecordWrite {
  eventId: string;
  actions: Insertable<EventActionsTable>[];
  index: IndexWrite | null;
  audit: Insertable<AuditLogTable>;
  events: {
    version: number;
    last_seq: number;
    last_hash: string;
    audit_hash: string;
    checked_hash?: string | null;
    /** The request that wrote this (requestKey), for the replay check of the next lock. */
    last_request?: string;
  };
  /** Whose drafts of this record to drop (all when null). */
  draftsOf: string | null;
  /** The record's statistics row, when it is registered (see statistics/facts.ts). */
  facts?: FactsWrite | null;
  /**
   * Whether the names may have changed (an action carried declaration changes): only then are the name words
   * added to the lexicon; an action that leaves the declaration alone adds nothing new there.
   */
  namesChanged?: boolean;
  /** A new record: its `events` row is inserted by this statement (no row to update yet). */
  created?: { type: string; trackingId: string; createdAt: string };
  /** The actions left the declaration as it was: only the projection's state columns are written. */
  declarationKept?: boolean;
  /** Documents the declaration references, linked to the record by this statement (files' declarationFileLinks). */
  fileLinks?: Array<{ fileId: string; holder: string }>;
  /** Jobs the change causes (changes.ts' queuedJobs), written by this statement. */
  jobs?: QueuedJob[];
}

/**
 * Statements sent with this mark are named prepared statements on PostgreSQL (see db/prepared.ts): parsed and
 * planned once per connection instead of on every action.
 */
const PREPARED = sql.raw(PREPARED_MARK);

/**
 * Write everything an action changes in ONE statement (data-modifying CTEs): the actions, the projection (or its
 * removal), the drafts, the audit entry and the record's version and chain heads (for a new record, its row). One
 * round trip instead of five; the references between them are checked at the end of the statement.
 */
export async function writeRecord(trx: Db, w: RecordWrite): Promise<void> {
  const names = w.namesChanged !== false && w.index?.name_words?.length ? (w.index.name_words as string[]) : [];
  await writeStatement({
    eventId: w.eventId,
    actions: w.actions,
    index: w.index,
    audit: w.audit,
    facts: w.facts ?? null,
    lexicon: (names.length ? lexiconRows(names) : null) ?? { keys: [], words: [] },
    draftsOf: w.draftsOf,
    events: w.events,
    created: w.created,
    declarationKept: w.declarationKept,
    fileLinks: w.fileLinks,
    jobs: w.jobs,
  }).execute(trx);
}

/** The record's audit stream head (after other modules wrote to it in this transaction). */
export async function auditHead(trx: Db, id: string): Promise<string | null> {
  const row = await trx.selectFrom('events').select('audit_hash').where('id', '=', id).executeTakeFirst();
  return row?.audit_hash ?? null;
}

export function findEventByCreateTransaction(db: Db, transactionId: string) {
  return db
    .selectFrom('event_actions')
    .select(['event_id', 'created_by'])
    .where('type', '=', 'CREATE')
    .where('transaction_id', '=', transactionId)
    .executeTakeFirst();
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
