import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { differencesFromLog, type PrintedFacts } from '../certificates/log-check.ts';
import { withCertificates } from '../certificates/tables.ts';
import { readActions, toRows, type RecordRef } from '../reindex/replay.ts';
import type { ChainProblem } from './verify.ts';

const PAGE = 1000;
const TIMESTAMPS = new Set(['created_at', 'updated_at', 'declared_at', 'registered_at']);

/** A column's value in one comparable form, whether computed (strings, ISO dates) or read back (Dates, jsonb). */
function comparable(column: string, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (column === 'declaration' || column === 'legal_statuses')
    return canonicalize(typeof value === 'string' ? JSON.parse(value) : value) ?? 'null';
  if (value instanceof Date) return value.toISOString();
  if (TIMESTAMPS.has(column)) return new Date(value as string).toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Recompute every record's projection from its actions, with the code the server writes it with (the reducer and
 * toIndexRow, as `lifeline reindex` does), and compare it with event_index column by column; check each record's
 * chain heads (events.last_seq/last_hash, audit_hash) against its last action and audit entry; and check every printed certificate's facts
 * against the log as it stood at the print. A forged projection or certificate row is reported here.
 */
export async function verifyProjections(
  ctx: Pick<AppContext, 'db' | 'country'>,
  problems: ChainProblem[],
): Promise<{ records: number; certificates: number }> {
  const { db } = ctx;
  let records = 0;
  // The next page is read while this one is replayed (on a PostgreSQL server the two overlap).
  let reading = handled(readPage(db, '00000000-0000-0000-0000-000000000000'));
  for (;;) {
    const page = await reading;
    if (!page) break;
    reading = handled(readPage(db, page.refs[page.refs.length - 1].id));
    const { refs, logs, actualById, tailOf, auditTailOf } = page;
    const expected = new Map(toRows(ctx, refs, logs).rows.map((r) => [r.row.event_id, r.row]));
    for (const ref of refs) {
      const problem = (text: string) =>
        problems.push({ table: 'event_index', chain: ref.id, position: Number(ref.last_seq), problem: text });
      const tail = tailOf.get(ref.id);
      if (!tail || tail.seq !== Number(ref.last_seq) || tail.hash !== ref.last_hash) {
        problem(`the record's head is action #${ref.last_seq} but its log ends at #${tail?.seq ?? 0}`);
      }
      if ((auditTailOf.get(ref.id) ?? null) !== ref.audit_hash) {
        problem("the record's audit stream does not end with the entry its head names");
      }
      const want = expected.get(ref.id);
      const have = actualById.get(ref.id);
      if (!want && have) problem('event_index has a row for a record its actions delete (or cannot replay)');
      else if (want && !have) problem('event_index has no row for this record');
      else if (want && have) {
        const differ = Object.entries(want)
          .filter(([column, value]) => comparable(column, value) !== comparable(column, have[column]))
          .map(([column]) => column);
        if (differ.length) problem(`event_index differs from the action log in ${differ.join(', ')}`);
      }
    }
    records += refs.length;
  }
  const { rows: orphans } = await sql<{ event_id: string }>`
    SELECT i.event_id FROM event_index i LEFT JOIN events e ON e.id = i.event_id WHERE e.id IS NULL`.execute(db);
  for (const o of orphans) {
    problems.push({ table: 'event_index', chain: o.event_id, position: 0, problem: 'event_index row of no record' });
  }
  return { records, certificates: await verifyCertificates(ctx, problems) };
}

type Ref = RecordRef & { last_seq: number; last_hash: string | null; audit_hash: string | null };

/**
 * A page of records after `after`: their actions, event_index rows and last actions, from one snapshot (a record
 * written meanwhile is seen whole or not at all); null past the last one.
 */
function readPage(db: Db, after: string) {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows: refs } = await sql<Ref>`
        SELECT id, type, tracking_id, version, last_seq, last_hash, audit_hash FROM events WHERE id > ${after} ORDER BY id LIMIT ${PAGE}`.execute(
        trx,
      );
      if (!refs.length) return null;
      const ids = refs.map((r) => r.id);
      const logs = await readActions(trx, refs);
      const actual = await trx.selectFrom('event_index').selectAll().where('event_id', 'in', ids).execute();
      const tails = await sql<{ event_id: string; seq: number; hash: string }>`
        SELECT DISTINCT ON (event_id) event_id, seq, hash FROM event_actions
        WHERE event_id = ANY(${ids}::uuid[]) ORDER BY event_id, seq DESC`.execute(trx);
      const audit = await sql<{ stream: string; hash: string }>`
        SELECT DISTINCT ON (stream) stream, hash FROM audit_log
        WHERE stream = ANY(${ids.map((id) => `event:${id}`)}::text[]) ORDER BY stream, id DESC`.execute(trx);
      return {
        refs,
        logs,
        auditTailOf: new Map(audit.rows.map((a) => [a.stream.slice('event:'.length), a.hash])),
        actualById: new Map(actual.map((r) => [r.event_id, r as unknown as Record<string, unknown>])),
        tailOf: new Map(tails.rows.map((t) => [t.event_id, t])),
      };
    });
}

/** The promise itself, marked as handled: awaited later, it may fail before then. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Every certificate's facts against its record's log at the print. */
async function verifyCertificates(ctx: Pick<AppContext, 'db' | 'country'>, problems: ChainProblem[]): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const page: Array<PrintedFacts & { id: string; event_id: string; action_id: string }> = await withCertificates(
      ctx.db,
    )
      .selectFrom('certificates')
      .select(['id', 'event_id', 'action_id', 'event_type', 'registration_number', 'subject_name', 'date_of_event'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (!page.length) break;
    const logs = await readActions(
      ctx.db,
      [...new Set(page.map((c) => c.event_id))].map((id) => ({ id, type: '', tracking_id: '', version: 0 })),
    );
    for (const c of page) {
      const differ = differencesFromLog(ctx.country, c, logs.get(c.event_id)?.actions ?? []);
      if (differ.length) {
        problems.push({
          table: 'certificates',
          chain: c.id,
          position: 0,
          problem: `certificate of record ${c.event_id} differs from its action log at the print in ${differ.join(', ')}`,
        });
      }
    }
    count += page.length;
    after = page[page.length - 1].id;
  }
  return count;
}
