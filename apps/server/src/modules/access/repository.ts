import type { Db } from '../../db/connect.ts';
import type { RecordAccessFacts } from './rule.ts';

/** The facts the access rule needs about each of these records (absent ids are left out). */
export async function accessFactsOf(db: Db, ids: readonly string[]): Promise<Map<string, RecordAccessFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('event_index')
    .select(['event_id', 'type', 'status', 'created_by', 'created_at_location', 'place_of_event'])
    .where('event_id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.event_id,
      {
        type: r.type,
        createdBy: r.created_by,
        status: r.status,
        createdAtLocation: r.created_at_location,
        placeOfEvent: r.place_of_event,
      },
    ]),
  );
}
