import Dexie, { type EntityTable } from 'dexie';
import { api } from '../api/client.ts';
import type { EventDocument } from '../api/types.ts';
import { fileObjectUrl } from '../forms/files.ts';

/** A record assigned to the user, kept on the device so it can be reviewed (and validated) offline. */
export interface KeptRecord {
  id: string;
  username: string;
  record: EventDocument;
  keptAt: string;
}

class RecordsDb extends Dexie {
  records!: EntityTable<KeptRecord, 'id'>;
  constructor() {
    super('lifeline-records');
    this.version(1).stores({ records: 'id, username' });
  }
}

let db: RecordsDb | null = null;
const records = () => (db ??= new RecordsDb()).records;

/** Files of a record: every `path` of its declaration's documents and signatures. */
function documentPaths(declaration: Record<string, unknown>): string[] {
  const paths: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const path = (value as { path?: unknown }).path;
      if (typeof path === 'string' && path.startsWith('/api/files/')) paths.push(path);
    }
  };
  Object.values(declaration).forEach(visit);
  return paths;
}

/**
 * Keep a record on the device, with its documents: reading them once puts them in the browser's cache (the
 * server marks them immutable), where the record page finds them offline.
 */
export async function keepRecord(username: string, record: EventDocument): Promise<void> {
  await records().put({ id: record.id, username, record, keptAt: new Date().toISOString() });
  for (const path of documentPaths(record.declaration)) await fileObjectUrl(path).catch(() => undefined);
}

export async function keptRecord(username: string, id: string): Promise<KeptRecord | undefined> {
  const kept = await records().get(id);
  return kept?.username === username ? kept : undefined;
}

export async function forgetRecord(id: string): Promise<void> {
  await records().delete(id);
}

/**
 * Download the records assigned to the user (the ones they are expected to review), and forget those no longer
 * assigned. Returns how many are kept.
 */
export async function downloadAssigned(username: string, userId: string): Promise<number> {
  const found = await api<{ results: Array<{ id: string; updatedAt: string }> }>('/api/events/search', {
    body: { query: { type: 'and', clauses: [{ assignedTo: { type: 'exact', term: userId } }] }, limit: 100 },
  });
  const ids = new Set(found.results.map((r) => r.id));
  const kept = await records().where('username').equals(username).toArray();
  await records().bulkDelete(kept.filter((k) => !ids.has(k.id)).map((k) => k.id));
  const keptAt = new Map(kept.map((k) => [k.id, k.record.updatedAt]));
  for (const summary of found.results) {
    if (keptAt.get(summary.id) === summary.updatedAt) continue;
    await keepRecord(username, await api<EventDocument>(`/api/events/${summary.id}`));
  }
  return ids.size;
}
