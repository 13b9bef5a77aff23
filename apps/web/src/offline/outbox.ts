import Dexie, { type EntityTable } from 'dexie';

/**
 * Actions the outbox sends: those of the forms, decisions taken on a record kept for offline review, and
 * correction requests taken at a counter without network.
 */
export type OutboxAction = 'NOTIFY' | 'DECLARE' | 'VALIDATE' | 'REGISTER' | 'REJECT' | 'ARCHIVE' | 'REQUEST_CORRECTION';

/**
 * One submission waiting for the server. Its ids make every retry idempotent: the server answers a replayed
 * `createTransactionId` with the record it created the first time, and a replayed `transactionId` with the current
 * record, changing nothing. Generated once, before the first try, and stored with the item.
 */
export interface OutboxSubmission {
  /** The record when it already exists on the server (an edit, a decision on a downloaded record). */
  eventId?: string;
  /** Creates the record (POST /api/events {type, transactionId}) when `eventId` is absent. */
  createTransactionId?: string;
  /** The event type id from the country config, e.g. 'birth' or 'death'. */
  type: string;
  action: OutboxAction;
  /** The action's transactionId (POST /api/events/:id/actions/:action). */
  transactionId: string;
  /** The declaration (or its changed answers); documents may still be `local:` paths, uploaded first. */
  declaration?: Record<string, unknown>;
  /** A correction request's who, why and evidence; its documents may still be `local:` paths, uploaded first. */
  annotation?: Record<string, unknown>;
  /** Decisions: the reason, etc. */
  content?: Record<string, unknown>;
  /** Decisions: the record's version as the user saw it (a record changed meanwhile is refused, 409). */
  version?: number;
  /** What the user will recognise in the list, e.g. the child's name. */
  title?: string;
}

/**
 * waiting: on the device, to be sent; sending: being sent now; sent: the server has it (kept a day to show);
 * refused: the server said no for good, with its reason (edit and send again, or discard);
 * attention: cannot go on without the user (the record changed or is held by someone else, a document is gone).
 */
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'refused' | 'attention';

export interface OutboxItem extends OutboxSubmission {
  /** Order of arrival: items are sent oldest first. */
  id: number;
  /** Who submitted it: items are only sent in that user's session. */
  username: string;
  queuedAt: string;
  state: OutboxState;
  attempts: number;
  /** Epoch ms before which it is not tried again (back-off after failures). */
  nextAttemptAt?: number;
  /** The server's words (refused, attention) or the last transient failure (waiting). */
  error?: string;
  /** Field-level problems the server named, for the form when the user edits a refused item. */
  fieldErrors?: Array<{ field: string; message: string }>;
  /** The record, once created (also when its action was refused, so the user can open it). */
  createdEventId?: string;
  /** `local:` path -> the server's path, for documents already uploaded. */
  uploaded?: Record<string, string>;
  sentAt?: string;
  trackingId?: string;
}

class OutboxDb extends Dexie {
  items!: EntityTable<OutboxItem, 'id'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ items: '++id, username, status' });
    // Version 2: five states instead of pending/failed.
    this.version(2)
      .stores({ items: '++id, username, state' })
      .upgrade((tx) =>
        tx
          .table('items')
          .toCollection()
          .modify((item: OutboxItem & { status?: string }) => {
            item.state = item.status === 'failed' ? 'refused' : 'waiting';
            delete item.status;
          }),
      );
  }
}

/** Sent items stay listed this long, so the user sees them arrive. */
const KEEP_SENT_MS = 24 * 60 * 60 * 1000;

export interface OutboxStore {
  add(username: string, submission: OutboxSubmission): Promise<number>;
  get(id: number): Promise<OutboxItem | undefined>;
  /** The user's items, oldest first. */
  list(username: string): Promise<OutboxItem[]>;
  update(id: number, patch: Partial<OutboxItem>): Promise<void>;
  remove(id: number): Promise<void>;
  /** Items left "sending" by a tab that closed mid-send go back to waiting (their ids make resending safe). */
  recover(username: string): Promise<void>;
  pruneSent(username: string, now: number): Promise<void>;
  db: Dexie;
}

export function openOutbox(name = 'lifeline-outbox'): OutboxStore {
  const db = new OutboxDb(name);
  return {
    db,
    async add(username, submission) {
      return db.items.add({
        ...submission,
        username,
        queuedAt: new Date().toISOString(),
        state: 'waiting',
        attempts: 0,
      } as OutboxItem);
    },
    get: (id) => db.items.get(id),
    list: (username) => db.items.where('username').equals(username).sortBy('id'),
    update: async (id, patch) => void (await db.items.update(id, patch)),
    remove: (id) => db.items.delete(id),
    recover: async (username) =>
      void (await db.items
        .where('username')
        .equals(username)
        .filter((i) => i.state === 'sending')
        .modify({ state: 'waiting' })),
    pruneSent: async (username, now) =>
      void (await db.items
        .where('username')
        .equals(username)
        .filter((i) => i.state === 'sent' && !!i.sentAt && now - Date.parse(i.sentAt) > KEEP_SENT_MS)
        .delete()),
  };
}

let shared: OutboxStore | null = null;
/** The browser's outbox (one per device, shared by its tabs). */
export const outbox = () => (shared ??= openOutbox());

const queuedListeners = new Set<() => void>();

/** The sender listens here to try at once after something is queued. */
export function onQueued(listener: () => void): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

export function notifyQueued() {
  for (const listener of queuedListeners) listener();
}
