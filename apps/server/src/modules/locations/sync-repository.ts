import type { Location, LocationType } from '@lifeline/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Migration 0061: locations.updated_at and the tombstones of removed locations. Only this file reads them. */
type LocationChangesTables = {
  locations: {
    id: string;
    name: string;
    type: string;
    parent_id: string | null;
    level: number | null;
    updated_at: Date;
  };
  locations_removed: { id: string; removed_at: Date };
};

export interface LocationChanges {
  results: Location[];
  removed: string[];
}

/**
 * Locations changed after `since` (all of them without it), ordered by id and paged after `after`; and, on the
 * first page, the ids removed after `since`.
 */
export async function locationChanges(
  db: Db,
  options: { since?: Date; after?: string; limit: number },
): Promise<LocationChanges> {
  const tables = db.withTables<LocationChangesTables>();
  let query = tables.selectFrom('locations').select(['id', 'name', 'type', 'parent_id', 'level']);
  if (options.since) query = query.where('updated_at', '>', options.since);
  if (options.after) query = query.where('id', '>', options.after);
  const rows = await query.orderBy('id').limit(options.limit).execute();
  const removed =
    options.since && !options.after
      ? await tables
          .selectFrom('locations_removed')
          .select('id')
          .where('removed_at', '>', options.since)
          .orderBy('id')
          .execute()
      : [];
  return {
    results: rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type as LocationType,
      parentId: row.parent_id,
      ...(row.level !== null ? { level: row.level } : {}),
    })),
    removed: removed.map((r) => r.id),
  };
}

/** The database's clock: the `syncedAt` a device sends back next time. */
export async function databaseNow(db: Db): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`SELECT now() AS now`.execute(db);
  return new Date(rows[0].now);
}
