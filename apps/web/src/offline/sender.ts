import { api, NetworkError, refreshSession } from '../api/client.ts';
import { getSession } from '../api/session.ts';
import { itemFiles, sendRound, uploadKeptFiles, type DeliveryDeps } from './delivery.ts';
import { localFiles, localId, localPaths, withServerPaths } from './localFiles.ts';
import { notifyQueued, onQueued, outbox, type OutboxItem } from './outbox.ts';
import { uploadResumable } from './resumableUpload.ts';

/** However long the back-off, look again this often (a cheap read of IndexedDB). */
const CHECK_EVERY_MS = 30_000;

const deps: DeliveryDeps = {
  outbox: outbox(),
  files: localFiles(),
  request: (path, options) => api(path, options),
  upload: (file, onUploadUrl) =>
    uploadResumable(
      file,
      {
        endpoint: '/api/files/uploads',
        token: async () => {
          const session = getSession();
          if (session && session.expiresAt - Date.now() < 30_000) await refreshSession();
          return getSession()?.accessToken;
        },
      },
      onUploadUrl,
    ),
  now: () => Date.now(),
  random: () => Math.random(),
};

const sentListeners = new Set<(item: OutboxItem) => void>();
const loginListeners = new Set<() => void>();

/** Called after each item the server accepted (the UI refreshes its lists). */
export function onSent(listener: (item: OutboxItem) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

/** Called when the server wants a new login before sending more. */
export function onLoginNeeded(listener: () => void): () => void {
  loginListeners.add(listener);
  return () => loginListeners.delete(listener);
}

let running: Promise<void> | null = null;
let wakeTimer: number | undefined;

/** Only one tab of the device sends at a time; the others leave it to that one (Web Locks), or send if it closes. */
async function withDeviceLock(work: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return work();
  await locks.request('lifeline-outbox-sender', { ifAvailable: true }, async (lock) => {
    if (lock) await work();
  });
}

async function round(force: boolean): Promise<void> {
  const username = getSession()?.username;
  if (!username || !navigator.onLine) return;
  await withDeviceLock(async () => {
    // Holding the lock, no other tab is sending: anything marked "sending" was cut by a closed tab.
    await deps.outbox.recover(username);
    await deps.outbox.pruneSent(username, Date.now());
    const result = await sendRound(username, deps, force);
    for (const item of result.sent) for (const listener of sentListeners) listener(item);
    if (result.needsLogin) for (const listener of loginListeners) listener();
    window.clearTimeout(wakeTimer);
    if (result.nextAttemptAt) {
      const delay = Math.max(0, result.nextAttemptAt - Date.now());
      wakeTimer = window.setTimeout(() => void flushOutbox(), Math.min(delay, CHECK_EVERY_MS));
    }
  });
}

/**
 * Send the signed-in user's waiting items, one run at a time (`force`: now, without waiting out the back-off:
 * the connection or the session just came back, or the user asked).
 */
export function flushOutbox(force = false): Promise<void> {
  running ??= round(force)
    .catch(() => undefined)
    .finally(() => {
      running = null;
    });
  return running;
}

/** Start sending: now, whenever the connection returns or something is queued, and every 30 s. Returns a stop. */
export function startSender(): () => void {
  const now = () => void flushOutbox(true);
  const regularly = () => void flushOutbox();
  window.addEventListener('online', now);
  const stopQueued = onQueued(now);
  const timer = window.setInterval(regularly, CHECK_EVERY_MS);
  now();
  return () => {
    window.removeEventListener('online', now);
    stopQueued();
    window.clearInterval(timer);
    window.clearTimeout(wakeTimer);
  };
}

/** Keep a submission on the device until the server has it; the sender tries at once. */
export async function enqueue(submission: Parameters<typeof deps.outbox.add>[1]): Promise<number> {
  const username = getSession()?.username;
  if (!username) throw new Error('no signed-in user to send this for');
  const id = await deps.outbox.add(username, submission);
  void requestPersistentStorage();
  notifyQueued();
  return id;
}

/** Try an item again (after the cause was fixed, e.g. the record was unassigned). */
export async function retryItem(id: number): Promise<void> {
  await deps.outbox.update(id, { state: 'waiting', error: undefined, nextAttemptAt: undefined });
  notifyQueued();
}

/** Remove an item the user chose to give up on. Never called without the user asking. */
export async function discardItem(id: number): Promise<void> {
  const item = await deps.outbox.get(id);
  await deps.outbox.remove(id);
  if (item) await deps.files.remove(localPaths(itemFiles(item)).map(localId));
}

/** Upload a declaration's kept documents now (online submission); returns it with the server's paths. */
export async function uploadDocumentsNow(declaration: Record<string, unknown>): Promise<Record<string, unknown>> {
  // Offline: straight to the outbox, without waiting for uploads to time out.
  if (!navigator.onLine && localPaths(declaration).length) throw new NetworkError('offline');
  return withServerPaths(declaration, await uploadKeptFiles(declaration, deps));
}

/** Take a refused item back into a form: the caller makes it a draft; the item leaves the outbox. */
export async function takeBack(id: number): Promise<OutboxItem | undefined> {
  const item = await deps.outbox.get(id);
  if (item) await deps.outbox.remove(id);
  return item;
}

/**
 * Ask the browser not to evict this site's storage under pressure: declarations waiting on the device must
 * survive a full disk. Granted silently for installed apps and sites used often; asked once, remembered.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
