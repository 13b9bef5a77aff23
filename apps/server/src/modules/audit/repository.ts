import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import { GENESIS_HASH, chainHash } from '../../lib/hash.ts';

export interface AuditEntry {
  /** The chain this entry extends: e.g. `event:<id>`, `user:<id>`, `login:<username>`. */
  stream: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  ip?: string | null;
  details?: Record<string, unknown> | null;
  at?: Date;
}

/** The fields a row's hash covers, in one place so writing and verifying agree. */
export function auditHashInput(e: {
  at: Date;
  stream: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  ip: string | null;
  details: Record<string, unknown> | null;
}) {
  return { ...e, at: e.at.toISOString() };
}

/** An audit row ready to insert, with its hash chained to `prevHash`. */
export function auditRow(entry: AuditEntry, prevHash: string): Insertable<AuditLogTable> {
  const row = {
    at: entry.at ?? new Date(),
    stream: entry.stream,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    ip: entry.ip ?? null,
    details: entry.details ?? null,
  };
  return {
    at: row.at,
    stream: row.stream,
    actor_id: row.actorId,
    actor_role: row.actorRole,
    action: row.action,
    subject_type: row.subjectType,
    subject_id: row.subjectId,
    ip: row.ip,
    details: row.details ? JSON.stringify(row.details) : null,
    prev_hash: prevHash,
    hash: chainHash(prevHash, auditHashInput(row)),
  };
}

const EVENT_STREAM = /^event:([0-9a-f-]{36})$/;

/**
 * Append an audit entry inside the caller's transaction. A record's stream (`event:<id>`) keeps its head on the
 * record's row, locked like every write to the record; other streams are serialised with a transaction-scoped
 * advisory lock. Either way the chain never forks, and unrelated streams never wait on each other.
 */
export async function appendAudit(trx: Db, entry: AuditEntry): Promise<void> {
  const eventId = EVENT_STREAM.exec(entry.stream)?.[1];
  if (eventId) {
    const head = await trx
      .selectFrom('events')
      .select('audit_hash')
      .where('id', '=', eventId)
      .forUpdate()
      .executeTakeFirst();
    if (head) {
      const row = auditRow(entry, head.audit_hash ?? GENESIS_HASH);
      await sql`WITH logged AS (${trx.insertInto('audit_log').values(row)})
                ${trx.updateTable('events').set({ audit_hash: row.hash }).where('id', '=', eventId)}`.execute(trx);
      return;
    }
  }
  await sql`SELECT pg_advisory_xact_lock(hashtext(${entry.stream}))`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .where('stream', '=', entry.stream)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx
    .insertInto('audit_log')
    .values(auditRow(entry, last?.hash ?? GENESIS_HASH))
    .execute();
}
