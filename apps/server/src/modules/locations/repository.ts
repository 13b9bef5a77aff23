import type { Location, LocationType } from '@lifeline/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

export interface LocationSearch {
  type?: LocationType;
  parentId?: string;
  within?: string;
  level?: number;
  q?: string;
  /** Any of these types. */
  types?: LocationType[];
  /** Any of these ids. */
  ids?: string[];
  /** The name, matched as FHIR string search does: from its start (any case), anywhere, or exactly. */
  name?: { text: string; match: 'start' | 'contains' | 'exact' };
  limit: number;
  offset: number;
}

const toLocation = (row: { id: string; name: string; type: string; parent_id: string | null; level: number | null }) =>
  ({
    id: row.id,
    name: row.name,
    type: row.type as LocationType,
    parentId: row.parent_id,
    ...(row.level !== null ? { level: row.level } : {}),
  }) satisfies Location;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchLocations(db: Db, search: LocationSearch): Promise<{ results: Location[]; total: number }> {
  let query = db.selectFrom('locations');
  if (search.type) query = query.where('type', '=', search.type);
  if (search.parentId) query = query.where('parent_id', '=', search.parentId);
  if (search.level) query = query.where('level', '=', search.level);
  if (search.within) {
    const within = search.within;
    query = query.where(sql<boolean>`path LIKE ${`%/${escapeLike(within)}/%`}`);
  }
  if (search.types) query = query.where('type', 'in', search.types);
  if (search.ids) query = query.where('id', 'in', search.ids.length ? search.ids : ['']);
  if (search.name) {
    const { text, match } = search.name;
    if (match === 'exact') query = query.where('name', '=', text);
    else {
      const pattern = match === 'start' ? `${escapeLike(text.toLowerCase())}%` : `%${escapeLike(text.toLowerCase())}%`;
      query = query.where(sql`lower(name)`, 'like', pattern);
    }
  }
  if (search.q) {
    // Each word must start a word of the name: "ibo dis" finds "Ibombo District Office".
    for (const word of search.q.trim().toLowerCase().split(/\s+/)) {
      const w = escapeLike(word);
      query = query.where((eb) =>
        eb.or([eb(sql`lower(name)`, 'like', `${w}%`), eb(sql`lower(name)`, 'like', `% ${w}%`)]),
      );
    }
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('id').limit(search.limit).offset(search.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { results: rows.map(toLocation), total: Number(count.n) };
}

export async function findLocation(db: Db, id: string): Promise<Location | undefined> {
  const row = await db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toLocation(row) : undefined;
}

export interface LocationRow {
  location: Location;
  path: string;
}

/** Insert a location created through the API; false when the id is taken. */
export async function insertLocation(db: Db, row: LocationRow): Promise<boolean> {
  const inserted = await db
    .insertInto('locations')
    .values({
      id: row.location.id,
      name: row.location.name,
      type: row.location.type,
      parent_id: row.location.parentId,
      level: row.location.level ?? null,
      path: row.path,
      source: 'api',
      updated_at: new Date(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!inserted;
}

/** Rename a location (locked by the caller's transaction); the change is the registry's own from now on. */
export async function renameLocation(db: Db, id: string, name: string): Promise<void> {
  await db.updateTable('locations').set({ name, source: 'api', updated_at: new Date() }).where('id', '=', id).execute();
}

export async function lockLocation(db: Db, id: string): Promise<Location | undefined> {
  const row = await db.selectFrom('locations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? toLocation(row) : undefined;
}
