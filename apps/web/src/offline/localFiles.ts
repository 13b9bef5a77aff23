import type { FileValue } from '@lifeline/domain';
import Dexie, { type EntityTable } from 'dexie';
import { newId } from '../forms/ids.ts';

/** A declaration's file value points here until the file is uploaded: `local:<id>`. */
export const LOCAL_PREFIX = 'local:';

/**
 * A document or signature kept on the device: chosen or photographed while offline (or online: it is uploaded
 * with the declaration, so nothing depends on the network while filling the form).
 */
export interface LocalFile {
  id: string;
  username: string;
  name: string;
  type: string;
  size: number;
  /** The bytes (an ArrayBuffer stores the same in every browser and in Node). */
  data: ArrayBuffer;
  createdAt: string;
  /** The resumable upload on the server, once started: a retry resumes it. */
  uploadUrl?: string;
  /** The server's path once uploaded. */
  serverPath?: string;
}

class FilesDb extends Dexie {
  files!: EntityTable<LocalFile, 'id'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ files: 'id, username' });
  }
}

export interface LocalFileStore {
  save(file: LocalFile): Promise<void>;
  get(id: string): Promise<LocalFile | undefined>;
  update(id: string, patch: Partial<LocalFile>): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

export function openLocalFiles(name = 'lifeline-files'): LocalFileStore {
  const db = new FilesDb(name);
  return {
    save: async (file) => void (await db.files.put(file)),
    get: (id) => db.files.get(id),
    update: async (id, patch) => void (await db.files.update(id, patch)),
    remove: (ids) => db.files.bulkDelete(ids),
  };
}

let shared: LocalFileStore | null = null;
/** The browser's store (one per device). */
export const localFiles = () => (shared ??= openLocalFiles());

export const isLocalPath = (path: unknown): path is string => typeof path === 'string' && path.startsWith(LOCAL_PREFIX);
export const localId = (path: string) => path.slice(LOCAL_PREFIX.length);

/** Keep a chosen file on the device and return the declaration's value for it. */
export async function keepFile(
  store: LocalFileStore,
  username: string,
  bytes: Blob | ArrayBuffer,
  name: string,
  type: string,
): Promise<FileValue> {
  const data = bytes instanceof ArrayBuffer ? bytes : await bytes.arrayBuffer();
  const id = newId();
  await store.save({ id, username, name, type, size: data.byteLength, data, createdAt: new Date().toISOString() });
  return { path: `${LOCAL_PREFIX}${id}`, originalFilename: name, type };
}

/** Every `local:` path in a declaration (file fields hold one value, or a list of documents). */
export function localPaths(declaration: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const path = (value as { path?: unknown }).path;
      if (isLocalPath(path)) found.add(path);
    }
  };
  Object.values(declaration).forEach(visit);
  return [...found];
}

/** The declaration with each uploaded `local:` path replaced by the server's path. */
export function withServerPaths(
  declaration: Record<string, unknown>,
  uploaded: Record<string, string>,
): Record<string, unknown> {
  const swap = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object') {
      const path = (value as { path?: unknown }).path;
      if (isLocalPath(path) && uploaded[path]) return { ...value, path: uploaded[path] };
    }
    return value;
  };
  return Object.fromEntries(Object.entries(declaration).map(([k, v]) => [k, swap(v)]));
}
