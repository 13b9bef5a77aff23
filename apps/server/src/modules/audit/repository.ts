import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
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

/**
 * Append an audit entry inside the caller's transaction. Entries of one stream are serialised with a
 * transaction-scoped advisory lock so the chain never forks; different streams never wait on each other.
 */
export async function appendAudit(trx: Db, entry: AuditEntry): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${entry.stream}))`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .where('stream', '=', entry.stream)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
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
  await trx
    .insertInto('audit_log')
    .values({
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
    })
    .execute();
}
