import { CompiledQuery, sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { PREPARED_MARK } from '../../db/prepared.ts';

export interface CandidateQuery {
  eventType: string;
  excludeId: string;
  /** Phonetic keys of one person's name each: a candidate must hold all keys of at least one person. */
  personKeys: string[][];
  /** Identity numbers on the new record. */
  ids: string[];
  dateOfEvent: string | null;
  /** Leave out records whose event is further than this many days away. */
  dateWindowDays: number | null;
  limit: number;
  /** The declaration fields the rules compare: candidates carry only these (all when absent). */
  fields?: string[];
}

export interface CandidateRow {
  event_id: string;
  tracking_id: string;
  registration_number: string | null;
  status: string;
  declaration: Record<string, unknown>;
}

/**
 * Records worth comparing: same event type, not archived, and sharing with the new record a person whose name
 * sounds the same (phonetic keys) or an identity number. Those sharing an identity number first, then the nearest
 * by date of event. Both routes use a GIN index (name_keys, ids). A similar-spelling route (trigrams) was
 * measured and dropped: at 1M records it cost 130-250 ms per check and found no duplicate the others missed.
 */
export async function findCandidates(db: Db, q: CandidateQuery): Promise<CandidateRow[]> {
  // Arrays travel as one parameter each, so the statement's text depends only on its shape (how many people,
  // whether there are numbers): it is prepared once per connection instead of parsed and planned every time.
  const ids = q.ids.length ? sql`${q.ids}::text[]` : null;
  // `+ 0` keeps the planner from intersecting a selective GIN lookup with the date index (half the table).
  const inWindow =
    q.dateOfEvent && q.dateWindowDays
      ? sql`AND date_of_event + 0 BETWEEN ${q.dateOfEvent}::date - ${q.dateWindowDays}::int AND ${q.dateOfEvent}::date + ${q.dateWindowDays}::int`
      : sql``;
  // Each route is its own sub-select answered from its GIN index (one OR of the routes made the planner scan by
  // date), returning what the ordering needs, so only the chosen candidates' declarations are read afterwards.
  const routes: Array<ReturnType<typeof sql>> = [];
  const route = (condition: ReturnType<typeof sql<SqlBool>>) =>
    routes.push(sql`(
      SELECT event_id, ${ids ? sql`ids && ${ids}` : sql`false`} AS shares_id, date_of_event, updated_at
      FROM event_index
      WHERE ${condition} AND type = ${q.eventType} AND event_id <> ${q.excludeId}
        AND status NOT IN ('ARCHIVED', 'CREATED') ${inWindow}
      LIMIT ${ROUTE_LIMIT})`);
  for (const keys of q.personKeys.filter((k) => k.length)) route(sql<SqlBool>`name_keys @> ${keys}::text[]`);
  if (ids) route(sql<SqlBool>`ids && ${ids}`);
  if (!routes.length) return [];
  // A shared ID is the strongest sign: such candidates must not be crowded out by namesakes born nearer the date.
  const order = (t: string) =>
    q.dateOfEvent
      ? sql`${sql.ref(`${t}.shares_id`)} DESC, abs(${sql.ref(`${t}.date_of_event`)} - ${q.dateOfEvent}::date) NULLS LAST`
      : sql`${sql.ref(`${t}.shares_id`)} DESC, ${sql.ref(`${t}.updated_at`)} DESC`;
  // Only the compared answers cross the wire: a candidate's whole declaration is ~2 KB, its compared fields ~0.3.
  const declaration = q.fields
    ? sql`(SELECT coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb) FROM jsonb_each(e.declaration) f
           WHERE f.key = ANY(${q.fields}::text[])) AS declaration`
    : sql`e.declaration`;
  const { rows } = await sql<CandidateRow>`${sql.raw(PREPARED_MARK)}
    SELECT e.event_id, e.tracking_id, e.registration_number, e.status, ${declaration}
    FROM (SELECT * FROM (${sql.join(routes, sql` UNION `)}) routes ORDER BY ${order('routes')} LIMIT ${q.limit}) c
    JOIN event_index e ON e.event_id = c.event_id
    ORDER BY ${order('c')}`.execute(db);
  return rows;
}

/** Most records one route may propose: bounds the work for very common names. */
const ROUTE_LIMIT = 1000;

/** Candidates a reviewer already judged "not a duplicate" of this record. */
export async function dismissedCandidates(db: Db, eventId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('event_actions')
    .select('content')
    .where('event_id', '=', eventId)
    .where('type', '=', 'MARK_AS_NOT_DUPLICATE')
    .execute();
  const ids = new Set<string>();
  for (const row of rows) {
    const dismissed = (row.content as { dismissed?: unknown } | null)?.dismissed;
    if (Array.isArray(dismissed)) for (const id of dismissed) if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/** The candidates of the latest DUPLICATE_DETECTED action of a record. */
export async function latestDetected(db: Db, eventId: string): Promise<DuplicateCandidate[]> {
  const row = await db
    .selectFrom('event_actions')
    .select('content')
    .where('event_id', '=', eventId)
    .where('type', '=', 'DUPLICATE_DETECTED')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const duplicates = (row?.content as { duplicates?: DuplicateCandidate[] } | null)?.duplicates;
  return Array.isArray(duplicates) ? duplicates : [];
}

export interface DuplicateCandidate {
  id: string;
  trackingId: string;
  registrationNumber: string | null;
  status: string;
  score: number;
  rules: string[];
}

/**
 * Candidates for many new records at once (an import batch), by the same routes as findCandidates: a person's
 * phonetic keys or a shared identity number, within the date window, the `limit` nearest per record. One
 * statement of constant text (named, prepared): the probes travel as JSON.
 * $1 name routes [{i, keys, all_ids, d}], $2 ID routes [{i, ids, all_ids, d}], $3 event type, $4 date window in
 * days (null: none), $5 candidates per record, $6 compared fields.
 */
const BATCH_CANDIDATES = `/*prepared*/
WITH routes AS (
  SELECT p.i, p.d, c.* FROM json_to_recordset($1::json) AS p(i int, keys text[], all_ids text[], d date)
  CROSS JOIN LATERAL (
    SELECT event_id, ids && p.all_ids AS shares_id, date_of_event, updated_at FROM event_index
    WHERE name_keys @> p.keys AND type = $3 AND status NOT IN ('ARCHIVED', 'CREATED')
      AND ($4::int IS NULL OR p.d IS NULL OR date_of_event + 0 BETWEEN p.d - $4::int AND p.d + $4::int)
    LIMIT ${ROUTE_LIMIT}) c
  UNION
  SELECT p.i, p.d, c.* FROM json_to_recordset($2::json) AS p(i int, ids text[], all_ids text[], d date)
  CROSS JOIN LATERAL (
    SELECT event_id, ids && p.all_ids AS shares_id, date_of_event, updated_at FROM event_index
    WHERE ids && p.ids AND type = $3 AND status NOT IN ('ARCHIVED', 'CREATED')
      AND ($4::int IS NULL OR p.d IS NULL OR date_of_event + 0 BETWEEN p.d - $4::int AND p.d + $4::int)
    LIMIT ${ROUTE_LIMIT}) c
), chosen AS (
  SELECT i, event_id FROM (
    SELECT i, event_id, row_number() OVER (
      PARTITION BY i ORDER BY shares_id DESC, abs(date_of_event - d) NULLS LAST, updated_at DESC) AS n
    FROM routes) r
  WHERE n <= $5::int
)
SELECT c.i, e.event_id, e.tracking_id, e.registration_number, e.status,
  (SELECT coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb) FROM jsonb_each(e.declaration) f
   WHERE f.key = ANY($6::text[])) AS declaration
FROM chosen c JOIN event_index e ON e.event_id = c.event_id`;

export interface BatchProbe {
  i: number;
  personKeys: string[][];
  ids: string[];
  dateOfEvent: string | null;
}

export async function findBatchCandidates(
  db: Db,
  q: { eventType: string; probes: BatchProbe[]; dateWindowDays: number | null; limit: number; fields: string[] },
): Promise<Array<CandidateRow & { i: number }>> {
  const byName = q.probes.flatMap((p) =>
    p.personKeys.filter((k) => k.length).map((keys) => ({ i: p.i, keys, all_ids: p.ids, d: p.dateOfEvent })),
  );
  const byId = q.probes
    .filter((p) => p.ids.length)
    .map((p) => ({ i: p.i, ids: p.ids, all_ids: p.ids, d: p.dateOfEvent }));
  if (!byName.length && !byId.length) return [];
  const { rows } = await db.executeQuery<CandidateRow & { i: number }>(
    CompiledQuery.raw(BATCH_CANDIDATES, [
      JSON.stringify(byName),
      JSON.stringify(byId),
      q.eventType,
      q.dateWindowDays,
      q.limit,
      q.fields,
    ]),
  );
  return rows;
}
