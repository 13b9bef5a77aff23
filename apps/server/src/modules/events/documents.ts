import type { Action, EventState } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../lib/errors.ts';
import { onlyFields, redactDuplicates, redactSummary, visibleFields } from '../access/index.ts';
import type { AuthUser } from '../auth/types.ts';
import * as repo from './repository.ts';
import type { ActionReply, EventDocument } from './schemas.ts';

/** A record as the API shows it: from its projection row and history, and as a given user may see it. */

/** The record as the API shows it; null when it does not exist (or was deleted). */
export async function loadDocument(db: Db, eventId: string): Promise<EventDocument | null> {
  const [row, actions] = await Promise.all([repo.readIndex(db, eventId), repo.listActions(db, eventId)]);
  return row ? documentFromRow(row, actions) : null;
}

export function documentFromRow(row: repo.IndexRow, actions: Action[]): EventDocument {
  const state = repo.toState(row);
  return {
    id: row.event_id,
    type: row.type,
    trackingId: row.tracking_id,
    status: state.status,
    flags: state.flags,
    declaration: state.declaration,
    registrationNumber: state.registrationNumber,
    title: row.title,
    dateOfEvent: row.date_of_event,
    placeOfEvent: row.place_of_event,
    assignedTo: state.assignedTo,
    createdBy: state.createdBy,
    createdAtLocation: state.createdAtLocation,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    version: row.version,
    actions,
  };
}

export async function mustLoad(db: Db, eventId: string): Promise<EventDocument> {
  const doc = await loadDocument(db, eventId);
  if (!doc) throw notFound(`no record ${eventId}`);
  return doc;
}

/** The API's view of a record, from its projection row and history. */
export function documentOf(index: repo.IndexWrite, state: EventState, actions: Action[]): EventDocument {
  return {
    id: index.event_id,
    type: index.type,
    trackingId: index.tracking_id,
    status: state.status,
    flags: state.flags,
    declaration: state.declaration,
    registrationNumber: state.registrationNumber,
    title: index.title ?? '',
    dateOfEvent: index.date_of_event ?? null,
    placeOfEvent: index.place_of_event ?? null,
    assignedTo: state.assignedTo,
    createdBy: state.createdBy,
    createdAtLocation: state.createdAtLocation,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    version: index.version,
    actions,
  };
}

/** The record as this user may see it: duplicates they may not read are shown only as "one exists elsewhere". */
export async function presentTo(ctx: AppContext, user: AuthUser, doc: EventDocument): Promise<EventDocument> {
  const actions = await redactDuplicates(ctx.db, ctx.country, user, doc.actions);
  const allowed = visibleFields(user);
  if (!allowed) return { ...doc, actions };
  // A client limited to some fields: those of the declaration and of each action's changes; nothing of what
  // actions annotate (collectors, reasons, duplicates), which may be about anyone.
  return {
    ...redactSummary(ctx.country, allowed, doc),
    actions: actions.map((a) => ({
      ...a,
      declaration: a.declaration ? onlyFields(a.declaration, allowed) : null,
      annotation: null,
      content: null,
    })),
  };
}

/** A record's state without its history, as this user may see it (a client limited to some fields: those). */
export function presentStateTo(user: AuthUser, ctx: AppContext, doc: EventDocument): ActionReply {
  const { actions: _none, ...state } = doc;
  const allowed = visibleFields(user);
  return allowed ? redactSummary(ctx.country, allowed, state) : state;
}
