import { useSyncExternalStore } from 'react';
import { api } from '../api/client.ts';
import type { PlaceIndex } from './placeIndex.ts';
import { loadIndex, openPlaces, syncPlaces, type PlaceStore } from './places.ts';

/** Locations change rarely: check for changes at start, after a login, and this often. */
const SYNC_EVERY_MS = 6 * 60 * 60_000;

let store: PlaceStore | null = null;
let index: PlaceIndex | null = null;
let loading: Promise<void> | null = null;
let syncing: Promise<void> | null = null;
let lastSync = 0;
const listeners = new Set<() => void>();

const places = () => (store ??= openPlaces());

function publish(next: PlaceIndex | null) {
  index = next;
  for (const listener of listeners) listener();
}

/** Load the index from the device once (before any network). */
function ensureLoaded(): Promise<void> {
  loading ??= loadIndex(places())
    .then((loaded) => {
      if (loaded) publish(loaded);
    })
    .catch(() => undefined);
  return loading;
}

/** Sync with the server when online and due (or `force`), then rebuild the index if anything changed. */
export function refreshPlaces(force = false): Promise<void> {
  if (!force && Date.now() - lastSync < SYNC_EVERY_MS) return ensureLoaded();
  syncing ??= (async () => {
    await ensureLoaded();
    if (!navigator.onLine) return;
    const changed = await syncPlaces(places(), (path) => api(path, { anonymous: true }));
    lastSync = Date.now();
    if (changed || !index) publish(await loadIndex(places()));
  })()
    .catch(() => undefined)
    .finally(() => {
      syncing = null;
    });
  return syncing;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  void ensureLoaded();
  return () => listeners.delete(listener);
}

/** Every location of the country, on the device; null until the first sync (then pickers ask the server). */
export function usePlaces(): PlaceIndex | null {
  return useSyncExternalStore(subscribe, () => index);
}
