import type { EventConfig } from '@lifeline/domain';
import Dexie, { type EntityTable } from 'dexie';
import type { SubmitAction } from './actions.ts';
import { newId } from './ids.ts';

/**
 * A declaration in progress, kept on the device so closing the browser (or a dead battery) loses nothing.
 * It also holds the ids that make sending it idempotent: the same record is created, and the same action
 * recorded, however many times a send is retried.
 */
export interface Draft {
  localId: string;
  username: string;
  /** Event type id, e.g. 'birth'. */
  type: string;
  /** The record on the server, once created (first save or send). */
  eventId?: string;
  /** For POST /api/events when the record does not exist yet. */
  createTransactionId: string;
  /** One per action, generated at its first try. */
  transactionIds: Partial<Record<SubmitAction, string>>;
  /** Every answer typed, including those of fields hidden now (they come back if the field shows again). */
  values: Record<string, unknown>;
  /** The page the user was on. */
  page?: string;
  /** What the user will recognise it by, e.g. the child's name. */
  title?: string;
  /** ISO time of the last change. */
  updatedAt: string;
  /** The server's reasons by field, when a refused submission was taken back from the outbox to be fixed. */
  problems?: Array<{ field: string; message: string }>;
}

class DraftsDb extends Dexie {
  drafts!: EntityTable<Draft, 'localId'>;
  constructor() {
    super('lifeline-drafts');
    this.version(1).stores({ drafts: 'localId, username, eventId, [username+type]' });
  }
}

let db: DraftsDb | null = null;
const drafts = () => (db ??= new DraftsDb()).drafts;

export function newDraft(username: string, type: string, eventId?: string): Draft {
  return {
    localId: newId(),
    username,
    type,
    ...(eventId ? { eventId } : {}),
    createTransactionId: newId(),
    transactionIds: {},
    values: {},
    updatedAt: new Date().toISOString(),
  };
}

/** Answers a new form starts with: the configured defaults (e.g. nationality = the home country). */
export function defaultValues(event: EventConfig): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const page of event.pages) {
    for (const f of page.fields) if (f.type === 'COUNTRY' && f.defaultValue) values[f.id] = f.defaultValue;
  }
  return values;
}

export async function saveDraft(draft: Draft): Promise<void> {
  await drafts().put(draft);
}

export async function loadDraft(localId: string): Promise<Draft | undefined> {
  return drafts().get(localId);
}

export async function deleteDraft(localId: string): Promise<void> {
  await drafts().delete(localId);
}

/** The user's draft of changes to an existing record, if any. */
export async function findDraftForEvent(username: string, eventId: string): Promise<Draft | undefined> {
  const found = await drafts().where('eventId').equals(eventId).toArray();
  return found.filter((d) => d.username === username).sort(newestFirst)[0];
}

/** The user's drafts, newest first; with a type, only the new declarations of that type not yet on the server. */
export async function listDrafts(username: string, type?: string): Promise<Draft[]> {
  const found = type
    ? (await drafts().where('[username+type]').equals([username, type]).toArray()).filter((d) => !d.eventId)
    : await drafts().where('username').equals(username).toArray();
  return found.sort(newestFirst);
}

function newestFirst(a: Draft, b: Draft) {
  return b.updatedAt.localeCompare(a.updatedAt);
}

/**
 * Where to start editing an existing record: the newer of the device's draft and the server's draft (saved on
 * another device), else the record's own answers. A draft older than the record's last change of answers
 * (`changedAt`, e.g. someone else validated it with corrections) is ignored: sending it would undo that change.
 */
export function startingValues(
  record: Record<string, unknown>,
  local: Pick<Draft, 'values' | 'updatedAt'> | undefined,
  server: { declaration: Record<string, unknown>; updatedAt: string } | undefined,
  changedAt = '',
): { values: Record<string, unknown>; source: 'record' | 'device' | 'server' } {
  const localOk = local && local.updatedAt > changedAt;
  const serverOk = server && server.updatedAt > changedAt;
  if (localOk && (!serverOk || local.updatedAt >= server.updatedAt)) return { values: local.values, source: 'device' };
  if (serverOk) return { values: server.declaration, source: 'server' };
  return { values: record, source: 'record' };
}

/** When a record's answers last changed: its latest action that carried answers or moved it on. */
export function answersChangedAt(actions: ReadonlyArray<{ type: string; createdAt: string; declaration: unknown }>) {
  const moves = new Set(['NOTIFY', 'DECLARE', 'VALIDATE', 'REGISTER', 'REJECT', 'ARCHIVE']);
  return actions
    .filter((a) => a.declaration || moves.has(a.type))
    .reduce((latest, a) => (a.createdAt > latest ? a.createdAt : latest), '');
}
