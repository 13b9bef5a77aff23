import { sql, type RawBuilder } from 'kysely';
import { PREPARED_MARK } from '../../db/prepared.ts';
import { jobAfter } from '../outbox/index.ts';
import { factsUpsert } from '../statistics/facts.ts';
import type { QueuedJob } from './changes.ts';
import type { FactsWrite } from '../statistics/tables.ts';

/**
 * The write statement of every action, as constant text (prepared once per connection, issue 15): each table's
 * rows travel as ONE jsonb parameter, turned back into rows by PostgreSQL (jsonb_populate_record[set] with the
 * table's own row type), so no query is built per action and the statement has a dozen parameters, not 160.
 */

export const ACTION_COLUMNS = [
  'id',
  'event_id',
  'seq',
  'type',
  'status',
  'transaction_id',
  'created_by',
  'created_by_role',
  'created_at_location',
  'created_at',
  'declaration',
  'annotation',
  'content',
  'registration_number',
  'prev_hash',
  'hash',
] as const;
const ACTION_JSON = ['declaration', 'annotation', 'content'];

export const INDEX_COLUMNS = [
  'event_id',
  'type',
  'tracking_id',
  'status',
  'flags',
  'assigned_to',
  'declaration',
  'registration_number',
  'title',
  'date_of_event',
  'place_of_event',
  'place_of_event_path',
  'created_by',
  'created_at_location',
  'created_at_location_path',
  'created_at',
  'updated_at',
  'declared_at',
  'registered_at',
  'registered_at_location',
  'created_by_user_type',
  'updated_by',
  'updated_by_role',
  'updated_at_location',
  'legal_statuses',
  'version',
  'names',
  'ids',
  'name_keys',
  'name_words',
] as const;
const INDEX_JSON = ['declaration', 'legal_statuses'];

/** The projection's columns computed from the declaration: left as they are when an action keeps it. */
const FROM_DECLARATION = new Set([
  'declaration',
  'title',
  'date_of_event',
  'place_of_event',
  'names',
  'ids',
  'name_keys',
  'name_words',
]);
/** What an action that keeps the declaration changes in the projection (its state, version and places). */
const INDEX_STATE = INDEX_COLUMNS.filter((c) => c !== 'event_id' && !FROM_DECLARATION.has(c));

export const AUDIT_COLUMNS = [
  'at',
  'stream',
  'actor_id',
  'actor_role',
  'action',
  'subject_type',
  'subject_id',
  'ip',
  'details',
  'prev_hash',
  'hash',
] as const;
const AUDIT_JSON = ['details'];

/**
 * A row as JSON text. Its JSON columns already hold JSON text (as the query builder takes them): spliced in as
 * they are, not parsed and written again.
 */
export function rowJson(row: object, jsonColumns: readonly string[]): string {
  const plain: Record<string, unknown> = {};
  const spliced: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    if (jsonColumns.includes(key) && (typeof value === 'string' || value === null)) {
      spliced.push(`${JSON.stringify(key)}:${value ?? 'null'}`);
    } else plain[key] = value;
  }
  const head = JSON.stringify(plain);
  if (!spliced.length) return head;
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}${spliced.join(',')}}`;
}

const list = (columns: readonly string[]) => sql.raw(columns.join(', '));
const excluded = (columns: readonly string[]) => sql.raw(columns.map((c) => `EXCLUDED.${c}`).join(', '));
const INDEX_UPDATED = INDEX_COLUMNS.filter((c) => c !== 'event_id');

export interface WriteParams {
  eventId: string;
  actions: object[];
  /** The projection row; null removes it (a deleted draft). */
  index: object | null;
  audit: object;
  facts: FactsWrite | null;
  lexicon: { keys: string[]; words: string[] };
  /** Whose drafts of the record to drop (all when null). */
  draftsOf: string | null;
  events: {
    version: number;
    last_seq: number;
    last_hash: string;
    audit_hash: string;
    checked_hash?: string | null;
    last_request?: string;
  };
  created?: { type: string; trackingId: string; createdAt: string };
  /**
   * The actions kept the declaration: the projection's state columns are updated and its declaration, names and
   * keys left alone, so the declaration is neither sent, parsed, nor compressed and stored again.
   */
  declarationKept?: boolean;
  /** Files the new declaration references, linked to the record (checked by the files module). */
  fileLinks?: Array<{ fileId: string; holder: string }>;
  /** Jobs the change causes, each with the row it is about (see changes.ts). */
  jobs?: QueuedJob[];
}

function projectionOf(p: WriteParams): RawBuilder<unknown> {
  if (!p.index) return sql`DELETE FROM event_index WHERE event_id = ${p.eventId}`;
  if (p.declarationKept && !p.created) {
    const state = Object.fromEntries(INDEX_STATE.map((c) => [c, (p.index as Record<string, unknown>)[c]]));
    return sql`UPDATE event_index AS t SET (${list(INDEX_STATE)}) = ROW(${sql.raw(INDEX_STATE.map((c) => `s.${c}`).join(', '))})
          FROM jsonb_populate_record(NULL::event_index, ${rowJson(state, INDEX_JSON)}::jsonb) AS s
          WHERE t.event_id = ${p.eventId}`;
  }
  return sql`INSERT INTO event_index (${list(INDEX_COLUMNS)})
          SELECT ${list(INDEX_COLUMNS)} FROM jsonb_populate_record(NULL::event_index, ${rowJson(p.index, INDEX_JSON)}::jsonb)
          ON CONFLICT (event_id) DO UPDATE SET (${list(INDEX_UPDATED)}) = ROW(${excluded(INDEX_UPDATED)})`;
}

/**
 * The statement: one of a few constant texts (new or existing record; projection written, updated or removed; names,
 * statistics, document links and jobs written or not), each prepared once per connection.
 */
export function writeStatement(p: WriteParams): RawBuilder<unknown> {
  const projection = projectionOf(p);
  const e = p.events;
  const head = p.created
    ? sql`INSERT INTO events (id, type, tracking_id, created_at, version, last_seq, last_hash, audit_hash, checked_hash, last_request)
          VALUES (${p.eventId}, ${p.created.type}, ${p.created.trackingId}, ${p.created.createdAt}, ${e.version},
                  ${e.last_seq}, ${e.last_hash}, ${e.audit_hash}, ${e.checked_hash ?? null}, ${e.last_request ?? null})`
    : sql`UPDATE events SET version = ${e.version}, last_seq = ${e.last_seq}, last_hash = ${e.last_hash},
            audit_hash = ${e.audit_hash},
            checked_hash = CASE WHEN ${e.checked_hash !== undefined}::boolean THEN ${e.checked_hash ?? null}::text ELSE checked_hash END,
            last_request = coalesce(${e.last_request ?? null}::text, last_request)
          WHERE id = ${p.eventId}`;
  // Parts with nothing to write are left out, not sent empty: each table a statement names is opened and locked
  // with all its indexes on every run, whether it writes or not.
  const words = p.lexicon.keys.length
    ? sql`words AS (
           INSERT INTO name_lexicon (key, word) SELECT * FROM unnest(${p.lexicon.keys}::text[], ${p.lexicon.words}::text[])
           ON CONFLICT (key, word) DO NOTHING),`
    : sql``;
  const facts = p.facts ? sql`facts AS (${factsUpsert(p.facts)}),` : sql``;
  const links = p.fileLinks?.length
    ? sql`linked AS (
           INSERT INTO file_links (file_id, event_id, holder, linked_at)
           SELECT l.file_id, ${p.eventId}::uuid, l.holder, now()
           FROM unnest(${p.fileLinks.map((l) => l.fileId)}::text[], ${p.fileLinks.map((l) => l.holder)}::text[]) AS l(file_id, holder)
           ON CONFLICT (file_id, event_id, holder) DO NOTHING),`
    : sql``;
  const jobs = (p.jobs ?? []).map(
    (q, i) => sql`queued_${sql.raw(String(i))} AS (${q.row}),
         job_${sql.raw(String(i))} AS (${jobAfter(q.job, `queued_${i}`, q.key)}),`,
  );
  return sql`${sql.raw(PREPARED_MARK)}
    WITH appended AS (
           INSERT INTO event_actions (${list(ACTION_COLUMNS)})
           SELECT ${list(ACTION_COLUMNS)}
           FROM jsonb_populate_recordset(NULL::event_actions, ${`[${p.actions.map((a) => rowJson(a, ACTION_JSON)).join(',')}]`}::jsonb)),
         projected AS (${projection}),
         ${words}${facts}${links}${sql.join(jobs, sql``)}
         dropped AS (DELETE FROM drafts WHERE event_id = ${p.eventId} AND (${p.draftsOf}::text IS NULL OR user_id = ${p.draftsOf}::text)),
         logged AS (
           INSERT INTO audit_log (${list(AUDIT_COLUMNS)})
           SELECT ${list(AUDIT_COLUMNS)} FROM jsonb_populate_record(NULL::audit_log, ${rowJson(p.audit, AUDIT_JSON)}::jsonb))
    ${head}`;
}
