import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/connect.ts';

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
  // Each route is its own sub-select so the planner answers it from its GIN index: one OR of all routes beside a
  // date predicate made the planner scan by date instead. The ordering then applies to the (small) union.
  const routes: Array<ReturnType<typeof sql>> = [];
  // The window is repeated inside each route so a route never hands over records the window drops anyway.
  const inWindow =
    q.dateOfEvent && q.dateWindowDays
      ? sql`AND date_of_event BETWEEN ${q.dateOfEvent}::date - ${q.dateWindowDays}::int AND ${q.dateOfEvent}::date + ${q.dateWindowDays}::int`
      : sql``;
  const route = (condition: ReturnType<typeof sql<SqlBool>>) =>
    routes.push(
      sql`(SELECT event_id FROM event_index WHERE ${condition} AND type = ${q.eventType} ${inWindow} LIMIT ${ROUTE_LIMIT})`,
    );
  for (const keys of q.personKeys.filter((k) => k.length))
    route(sql<SqlBool>`name_keys @> ARRAY[${sql.join(keys)}]::text[]`);
  if (q.ids.length) route(sql<SqlBool>`ids && ARRAY[${sql.join(q.ids)}]::text[]`);
  if (!routes.length) return [];
  // A shared ID is the strongest sign: such candidates must not be crowded out by namesakes born nearer the date.
  const sharesId = q.ids.length ? sql`ids && ARRAY[${sql.join(q.ids)}]::text[] DESC,` : sql``;
  const distance = q.dateOfEvent ? sql`abs(date_of_event - ${q.dateOfEvent}::date) NULLS LAST` : sql`updated_at DESC`;
  const { rows } = await sql<CandidateRow>`
    SELECT event_id, tracking_id, registration_number, status, declaration
    FROM event_index
    WHERE event_id IN (${sql.join(routes, sql` UNION `)})
      AND type = ${q.eventType} AND event_id <> ${q.excludeId} AND status NOT IN ('ARCHIVED', 'CREATED')
    ORDER BY ${sharesId} ${distance}
    LIMIT ${q.limit}`.execute(db);
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
