import { ApiError, NetworkError } from '../api/client.ts';
import { localId, localPaths, withServerPaths, type LocalFile, type LocalFileStore } from './localFiles.ts';
import type { OutboxItem, OutboxStore } from './outbox.ts';

/**
 * Sending the outbox, with no browser in sight: the browser's sender (sender.ts) and the Node client of the chaos
 * benchmark run this same code over their own HTTP and storage.
 */
export interface DeliveryDeps {
  outbox: OutboxStore;
  files: LocalFileStore;
  /** JSON API call; throws ApiError for the server's refusals and NetworkError when it was not reached. */
  request<T>(path: string, options: { method?: 'GET' | 'POST'; body?: unknown }): Promise<T>;
  /** Upload a kept file (resumably), resolving with its server path. */
  upload(file: LocalFile, onUploadUrl: (url: string) => Promise<void>): Promise<string>;
  now(): number;
  random(): number;
  /** Waits between attempts: doubling from `baseMs` up to `maxMs`, randomised (so devices do not retry in step). */
  backoff?: { baseMs: number; maxMs: number };
}

interface SentRecord {
  id: string;
  trackingId?: string;
}

/** Why an item could not be sent this time. */
export type Failure =
  | { kind: 'retry'; message: string }
  | { kind: 'session'; message: string }
  | { kind: 'refused' | 'attention'; message: string; fieldErrors?: Array<{ field: string; message: string }> };

class NeedsAttention extends Error {}

function describe(error: ApiError): string {
  const fields = error.problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
  return [error.problem.detail ?? error.problem.title, fields].filter(Boolean).join(' — ');
}

/** Transient (try again later), the session (log in again), or the user must decide (refused, attention). */
export function classify(error: unknown): Failure {
  if (error instanceof NetworkError) return { kind: 'retry', message: error.message };
  if (error instanceof NeedsAttention) return { kind: 'attention', message: error.message };
  if (!(error instanceof ApiError)) return { kind: 'attention', message: (error as Error).message };
  const { status } = error;
  if (status === 401) return { kind: 'session', message: describe(error) };
  if (status >= 500 || status === 408 || status === 425 || status === 429) {
    return { kind: 'retry', message: describe(error) };
  }
  // The record changed since it was looked at, or someone else holds it: the user decides what to do.
  if (status === 409 || status === 403 || status === 423) return { kind: 'attention', message: describe(error) };
  return { kind: 'refused', message: describe(error), fieldErrors: error.problem.errors };
}

/**
 * Upload a declaration's kept documents not yet on the server (`uploaded` lists those that are), resuming
 * uploads cut before; returns `local:` path -> server path, reporting each as it is done.
 */
export async function uploadKeptFiles(
  declaration: Record<string, unknown>,
  deps: Pick<DeliveryDeps, 'files' | 'upload'>,
  uploaded: Record<string, string> = {},
  onUploaded: (uploaded: Record<string, string>) => Promise<void> = async () => undefined,
): Promise<Record<string, string>> {
  const done = { ...uploaded };
  for (const path of localPaths(declaration)) {
    if (done[path]) continue;
    const id = localId(path);
    const file = await deps.files.get(id);
    if (!file) throw new NeedsAttention(`a document of this declaration is no longer on this device (${path})`);
    done[path] = file.serverPath ?? (await deps.upload(file, (url) => deps.files.update(id, { uploadUrl: url })));
    await deps.files.update(id, { serverPath: done[path] });
    await onUploaded(done);
  }
  return done;
}

/**
 * Every value of an item that may hold kept documents, by a key of its own: the declaration's answers, and the
 * annotation's parts (a correction request's `documents`).
 */
export function itemFiles(item: Pick<OutboxItem, 'declaration' | 'annotation'>): Record<string, unknown> {
  const annotation = Object.entries(item.annotation ?? {}).map(([key, value]) => [`annotation.${key}`, value]);
  return { ...item.declaration, ...Object.fromEntries(annotation) };
}

/** Send one item: its documents, the record if it does not exist yet, then the action. Every step is idempotent. */
export async function deliver(item: OutboxItem, deps: DeliveryDeps): Promise<SentRecord> {
  const uploaded = await uploadKeptFiles(itemFiles(item), deps, item.uploaded, (done) =>
    deps.outbox.update(item.id, { uploaded: done }),
  );
  let eventId = item.eventId ?? item.createdEventId;
  if (!eventId) {
    if (!item.createTransactionId) throw new NeedsAttention('the item names no record and cannot create one');
    const created = await deps.request<SentRecord>('/api/events', {
      method: 'POST',
      body: { type: item.type, transactionId: item.createTransactionId },
    });
    eventId = created.id;
    await deps.outbox.update(item.id, { createdEventId: eventId });
  }
  return deps.request<SentRecord>(`/api/events/${eventId}/actions/${item.action}`, {
    method: 'POST',
    body: {
      transactionId: item.transactionId,
      ...(item.declaration ? { declaration: withServerPaths(item.declaration, uploaded) } : {}),
      ...(item.annotation ? { annotation: withServerPaths(item.annotation, uploaded) } : {}),
      ...(item.content ? { content: item.content } : {}),
      ...(item.version !== undefined ? { version: item.version } : {}),
    },
  });
}

const DEFAULT_BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** The wait after `attempts` failures: exponential, capped, with jitter between half and all of it. */
export function backoffDelay(attempts: number, deps: Pick<DeliveryDeps, 'backoff' | 'random'>): number {
  const { baseMs, maxMs } = deps.backoff ?? DEFAULT_BACKOFF;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling * (0.5 + deps.random() / 2));
}

export interface RoundResult {
  sent: OutboxItem[];
  /** Epoch ms of the next attempt due, if something still waits. */
  nextAttemptAt?: number;
  /** The server wants a new login before anything more can be sent. */
  needsLogin: boolean;
}

/**
 * One round: send the user's waiting items oldest first (`force`: without waiting out the back-off, when the
 * connection or the session just came back). A transient failure stops the round (order is kept;
 * the item waits its back-off); a refusal or a problem for the user is recorded on its item and the round goes on.
 */
export async function sendRound(username: string, deps: DeliveryDeps, force = false): Promise<RoundResult> {
  const result: RoundResult = { sent: [], needsLogin: false };
  for (const item of await deps.outbox.list(username)) {
    if (item.state !== 'waiting') continue;
    if (!force && item.nextAttemptAt && item.nextAttemptAt > deps.now()) {
      result.nextAttemptAt = item.nextAttemptAt;
      break;
    }
    const attempts = item.attempts + 1;
    await deps.outbox.update(item.id, { state: 'sending', attempts });
    try {
      const record = await deliver({ ...item, attempts }, deps);
      const sent = {
        state: 'sent' as const,
        sentAt: new Date(deps.now()).toISOString(),
        createdEventId: record.id,
        trackingId: record.trackingId,
        error: undefined,
        fieldErrors: undefined,
        nextAttemptAt: undefined,
      };
      await deps.outbox.update(item.id, sent);
      await deps.files.remove(localPaths(itemFiles(item)).map(localId));
      result.sent.push({ ...item, ...sent });
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === 'retry' || failure.kind === 'session') {
        const nextAttemptAt = deps.now() + backoffDelay(attempts, deps);
        await deps.outbox.update(item.id, { state: 'waiting', error: failure.message, nextAttemptAt });
        result.nextAttemptAt = nextAttemptAt;
        result.needsLogin = failure.kind === 'session';
        break;
      }
      await deps.outbox.update(item.id, {
        state: failure.kind,
        error: failure.message,
        fieldErrors: failure.fieldErrors,
        nextAttemptAt: undefined,
      });
    }
  }
  return result;
}
