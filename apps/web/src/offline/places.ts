import type { Location } from '@lifeline/domain';
import Dexie, { type EntityTable } from 'dexie';
import { PlaceIndex } from './placeIndex.ts';

interface SyncPage {
  results: Location[];
  removed: string[];
  next: string | null;
  syncedAt: string;
}

class PlacesDb extends Dexie {
  locations!: EntityTable<Location, 'id'>;
  meta!: EntityTable<{ key: string; value: string }, 'key'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ locations: 'id', meta: 'key' });
  }
}

export interface PlaceStore {
  db: PlacesDb;
  all(): Promise<Location[]>;
}

export function openPlaces(name = 'lifeline-places'): PlaceStore {
  const db = new PlacesDb(name);
  return { db, all: () => db.locations.toArray() };
}

/**
 * Bring the device's copy of the country's locations up to date: everything the first time, then only what
 * changed since the last sync (`updatedSince`). A sync cut half way starts again from the same point next time;
 * applying a page twice is harmless. Returns how many locations were added, changed or removed.
 */
export async function syncPlaces(
  store: PlaceStore,
  getJson: <T>(path: string) => Promise<T>,
  pageSize = 5000,
): Promise<number> {
  const since = (await store.db.meta.get('syncedAt'))?.value;
  let after: string | null = null;
  let syncedAt: string | undefined;
  let changed = 0;
  do {
    const params = new URLSearchParams({ limit: String(pageSize) });
    if (since) params.set('updatedSince', since);
    if (after) params.set('after', after);
    const page: SyncPage = await getJson<SyncPage>(`/api/locations/sync?${params}`);
    syncedAt ??= page.syncedAt;
    await store.db.transaction('rw', store.db.locations, async () => {
      await store.db.locations.bulkPut(page.results);
      if (page.removed.length) await store.db.locations.bulkDelete(page.removed);
    });
    changed += page.results.length + page.removed.length;
    after = page.next;
  } while (after);
  await store.db.meta.put({ key: 'syncedAt', value: syncedAt! });
  return changed;
}

/** The device's places as a search index, rebuilt when a sync changed something. */
export async function loadIndex(store: PlaceStore): Promise<PlaceIndex | null> {
  const all = await store.all();
  return all.length ? new PlaceIndex(all) : null;
}
