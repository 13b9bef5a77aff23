import Dexie, { type EntityTable } from 'dexie';
import { getSession } from '../api/session.ts';

/** Actions a form may submit; the outbox sends them exactly as they would have been sent online. */
export type OutboxAction = 'NOTIFY' | 'DECLARE' | 'VALIDATE' | 'REGISTER';

/**
 * One submission that could not reach the server (NetworkError from src/api/client.ts).
 *
 * The ids make every retry idempotent: the server answers a replayed `createTransactionId` with the record it
 * created the first time, and a replayed `transactionId` with the current record, changing nothing.
 */
export interface OutboxSubmission {
  /** The record when it already exists on the server (an edit, a correction, a draft saved online). */
  eventId?: string;
  /** Creates the record (POST /api/events {type, transactionId}) when `eventId` is absent. Generate it once. */
  createTransactionId: string;
  /** The event type id from the country config, e.g. 'birth' or 'death'. */
  type: string;
  action: OutboxAction;
  /** The action's transactionId (POST /api/events/:id/actions/:action). Generate it once, before the first try. */
  transactionId: string;
  /** The whole declaration (or the changed answers of an existing record). */
  declaration: Record<string, unknown>;
  /** Action-specific form values, if any. */
  annotation?: Record<string, unknown>;
  /** What the user will recognise in the list of waiting declarations, e.g. the child's name. */
  title?: string;
}

export type OutboxStatus = 'pending' | 'failed';

export interface OutboxItem extends OutboxSubmission {
  /** Order of arrival: items are sent oldest first. */
  id: number;
  /** Who submitted it: items are only sent in that user's session. */
  username: string;
  queuedAt: string;
  status: OutboxStatus;
  attempts: number;
  /** Set once the server refused the item for good (a 4xx): the server's own words. */
  error?: string;
  /** When the record was created but its action was refused, so the user can open and fix it. */
  createdEventId?: string;
}

class OutboxDb extends Dexie {
  items!: EntityTable<OutboxItem, 'id'>;
  constructor() {
    super('lifeline-outbox');
    this.version(1).stores({ items: '++id, username, status' });
  }
}

export const outboxDb = new OutboxDb();

/**
 * Keep a submission on the device until the server has it. Call it when `api()` throws a NetworkError while
 * submitting a declaration; the sender (started by the app shell) sends it, in order, once the connection returns.
 * Resolves with the item's id once the submission is safely stored in IndexedDB.
 */
export async function enqueue(submission: OutboxSubmission): Promise<number> {
  const username = getSession()?.username;
  if (!username) throw new Error('no signed-in user to send this declaration for');
  const id = await outboxDb.items.add({
    ...submission,
    username,
    queuedAt: new Date().toISOString(),
    status: 'pending',
    attempts: 0,
  } as OutboxItem);
  notifyQueued();
  return id;
}

const queuedListeners = new Set<() => void>();

/** The sender listens here to try at once after something is queued. */
export function onQueued(listener: () => void): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

function notifyQueued() {
  for (const listener of queuedListeners) listener();
}

/** The signed-in user's items, oldest first. */
export function listItems(username: string): Promise<OutboxItem[]> {
  return outboxDb.items.where('username').equals(username).sortBy('id');
}

/** Try a failed item again (after the cause was fixed on the server, e.g. the record was unassigned). */
export async function retryItem(id: number): Promise<void> {
  await outboxDb.items.update(id, { status: 'pending', error: undefined });
  notifyQueued();
}

/** Remove an item the user chose to give up on. Never called without the user asking. */
export async function discardItem(id: number): Promise<void> {
  await outboxDb.items.delete(id);
}
