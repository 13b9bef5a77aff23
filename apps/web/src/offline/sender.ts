import { ApiError, NetworkError, api } from '../api/client.ts';
import { getSession } from '../api/session.ts';
import type { EventDocument } from '../api/types.ts';
import { listItems, onQueued, outboxDb, type OutboxItem } from './outbox.ts';

const RETRY_EVERY_MS = 30_000;
/** After a failed try, try again sooner than the regular round: the connection often returns in steps. */
const BACKOFF_MS = [2_000, 5_000, 10_000, 20_000];
let failures = 0;
let retryTimer: number | undefined;

function scheduleRetry() {
  window.clearTimeout(retryTimer);
  const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
  failures += 1;
  retryTimer = window.setTimeout(() => void flushOutbox(), delay);
}

/** Statuses worth trying again later: the server is busy, down, or the session needs renewing. */
function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (!(error instanceof ApiError)) return true;
  const { status } = error;
  return status >= 500 || status === 401 || status === 408 || status === 425 || status === 429;
}

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    return [error.problem.detail ?? error.problem.title, fields].filter(Boolean).join(' — ');
  }
  return (error as Error).message;
}

/** Send one item: create the record if needed, then the action. Both requests are idempotent by transactionId. */
async function send(item: OutboxItem): Promise<void> {
  let eventId = item.eventId ?? item.createdEventId;
  if (!eventId) {
    const created = await api<EventDocument>('/api/events', {
      body: { type: item.type, transactionId: item.createTransactionId },
    });
    eventId = created.id;
    await outboxDb.items.update(item.id, { createdEventId: eventId });
  }
  await api<EventDocument>(`/api/events/${eventId}/actions/${item.action}`, {
    body: {
      transactionId: item.transactionId,
      declaration: item.declaration,
      ...(item.annotation ? { annotation: item.annotation } : {}),
    },
  });
}

let running: Promise<void> | null = null;
const sentListeners = new Set<(item: OutboxItem) => void>();

/** Called after each item the server accepted (the UI refreshes its lists). */
export function onSent(listener: (item: OutboxItem) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

/** Send the signed-in user's pending items, oldest first (see flushOutbox). */
async function sendPending(): Promise<void> {
  const username = getSession()?.username;
  if (!username || !navigator.onLine) return;
  for (const item of await listItems(username)) {
    if (item.status !== 'pending') continue;
    try {
      await outboxDb.items.update(item.id, { attempts: item.attempts + 1 });
      await send(item);
      await outboxDb.items.delete(item.id);
      failures = 0;
      for (const listener of sentListeners) listener(item);
    } catch (error) {
      if (isTransient(error)) {
        scheduleRetry();
        return;
      }
      await outboxDb.items.update(item.id, { status: 'failed', error: describe(error) });
    }
  }
}

/**
 * Send the signed-in user's pending items, oldest first, one run at a time. Stops at the first transient failure
 * (offline, server error) so the order is kept, and tries again soon; an item the server refuses for good is kept
 * as "failed" with the server's words.
 */
export function flushOutbox(): Promise<void> {
  // Cleared in .finally, which always runs after this assignment (even when sendPending returns at once).
  running ??= sendPending().finally(() => {
    running = null;
  });
  return running;
}

/** Start sending: now, whenever the connection returns or something is queued, and every 30 s. Returns a stop. */
export function startSender(): () => void {
  const flush = () => void flushOutbox();
  window.addEventListener('online', flush);
  const stopQueued = onQueued(flush);
  const timer = window.setInterval(flush, RETRY_EVERY_MS);
  flush();
  return () => {
    window.removeEventListener('online', flush);
    stopQueued();
    window.clearInterval(timer);
    window.clearTimeout(retryTimer);
  };
}
