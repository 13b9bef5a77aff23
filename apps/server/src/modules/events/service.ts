import { randomUUID } from 'node:crypto';
import { applyAction, type Action, type ActionType, type EventConfig, type EventState } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { hasScope } from './authorize.ts';
import { newTrackingId, nextRegistrationNumber } from './identifiers.ts';
import { toIndexRow } from './projection.ts';
import * as repo from './repository.ts';
import type { ActionBody, EventDocument } from './schemas.ts';
import { completeDuplicateVerdict, withDuplicateCheck } from './duplicates.ts';
import { planSteps, REQUESTABLE_ACTIONS, requireReadAccess, type PlannedStep } from './steps.ts';

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === UNIQUE_VIOLATION;

function eventConfig(ctx: AppContext, type: string): EventConfig {
  const config = ctx.country.events.get(type);
  if (!config) {
    const known = [...ctx.country.events.keys()].join(', ');
    throw badRequest(`unknown event type "${type}"`, [{ field: 'type', message: `must be one of ${known}` }]);
  }
  return config;
}

/** The record as the API shows it; null when it does not exist (or was deleted). */
export async function loadDocument(db: Db, eventId: string): Promise<EventDocument | null> {
  const [row, actions] = await Promise.all([repo.readIndex(db, eventId), repo.listActions(db, eventId)]);
  if (!row) return null;
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

async function mustLoad(db: Db, eventId: string): Promise<EventDocument> {
  const doc = await loadDocument(db, eventId);
  if (!doc) throw notFound(`no record ${eventId}`);
  return doc;
}

const placeOf = (doc: { createdAtLocation: string | null; placeOfEvent: string | null }) => ({
  createdAtLocation: doc.createdAtLocation,
  placeOfEvent: doc.placeOfEvent,
});

/** Create a record. Replaying the same transactionId returns the record created the first time. */
export async function createEvent(
  ctx: AppContext,
  user: AuthUser,
  body: { type: string; transactionId: string },
): Promise<EventDocument> {
  const config = eventConfig(ctx, body.type);
  if (!(['record.create', 'record.notify', 'record.declare'] as const).some((s) => hasScope(user, s, config.id))) {
    throw forbidden(`your role (${user.role}) cannot create ${config.id} records`);
  }
  const replay = async () => {
    const existing = await repo.findEventByCreateTransaction(ctx.db, body.transactionId);
    if (!existing) return null;
    if (existing.created_by !== user.id) throw conflict('this transactionId was already used by another user');
    return mustLoad(ctx.db, existing.event_id);
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const id = randomUUID();
  const now = new Date().toISOString();
  const action: Action = {
    id: randomUUID(),
    type: 'CREATE',
    status: 'Accepted',
    transactionId: body.transactionId,
    createdBy: user.id,
    createdByRole: user.role,
    createdAtLocation: user.primaryOfficeId,
    createdAt: now,
    declaration: null,
    annotation: null,
    content: null,
    registrationNumber: null,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const trackingId = newTrackingId(config.code);
      await repo.insertEvent(trx, { id, type: config.id, trackingId, createdAt: now });
      await repo.appendActions(trx, id, [action]);
      const state = applyAction(null, action);
      await repo.writeIndex(trx, toIndexRow(ctx.country, config, { id, trackingId }, state, 0));
      await appendAudit(trx, {
        stream: `event:${id}`,
        actorId: user.id,
        actorRole: user.role,
        action: 'record.CREATE',
        subjectType: 'event',
        subjectId: id,
        details: { type: config.id, trackingId, transactionId: body.transactionId },
      });
    });
  } catch (error) {
    // A concurrent request with the same transactionId won the race: answer with its record.
    if (isUniqueViolation(error)) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
  return mustLoad(ctx.db, id);
}

export async function getEvent(ctx: AppContext, user: AuthUser, eventId: string): Promise<EventDocument> {
  const doc = await mustLoad(ctx.db, eventId);
  requireReadAccess(ctx, user, doc.type, doc.createdBy, placeOf(doc));
  // Every view of personal data is logged.
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `event:${eventId}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'record.READ',
      subjectType: 'event',
      subjectId: eventId,
    }),
  );
  return doc;
}

/**
 * Perform an action (and the steps it implies) on a record, atomically: the record is locked, every check
 * runs, then actions, projection, version and audit are written in one transaction. A replayed
 * transactionId returns the current record and writes nothing.
 */
/**
 * How another module extends an action (e.g. certificates on PRINT_CERTIFICATE): `beforeWrite` runs inside the
 * record's transaction after every check, may fill the planned actions' content and write its own tables; a
 * throw rolls everything back.
 */
export interface ActionExtension {
  type: ActionType;
  beforeWrite(
    trx: Db,
    planned: PlannedStep[],
    record: { id: string; type: string; trackingId: string; state: EventState },
  ): Promise<void>;
}

export async function performAction(
  ctx: AppContext,
  user: AuthUser,
  eventId: string,
  type: ActionType,
  body: ActionBody,
  extension?: ActionExtension,
): Promise<EventDocument> {
  await ctx.db.transaction().execute(async (trx) => {
    const event = await repo.lockEvent(trx, eventId);
    const row = event && (await repo.readIndex(trx, eventId));
    if (!event || !row) throw notFound(`no record ${eventId}`);
    const config = eventConfig(ctx, event.type);
    const state = repo.toState(row);
    const place = { createdAtLocation: row.created_at_location, placeOfEvent: row.place_of_event };
    requireReadAccess(ctx, user, config.id, state.createdBy, place);
    if (await repo.hasAction(trx, eventId, body.transactionId, type)) return;
    if (body.version !== undefined && body.version !== event.version) {
      throw conflict(
        `the record has changed (version ${event.version}, you sent ${body.version}); reload it and retry`,
      );
    }
    const requestable = extension ? new Set([...REQUESTABLE_ACTIONS, extension.type]) : REQUESTABLE_ACTIONS;
    const pending = state.flags.includes('correction-requested') ? await repo.pendingCorrection(trx, eventId) : null;
    const planned = planSteps(ctx, user, config, state, place, type, body, requestable, pending);
    await completeDuplicateVerdict(trx, eventId, planned, body);
    const steps = await withDuplicateCheck(trx, config, eventId, state, planned);
    for (const step of steps) {
      if (step.action.type === 'REGISTER') {
        step.action.registrationNumber = await nextRegistrationNumber(
          trx,
          ctx.country.config.settings.registrationNumberFormat,
          config.code,
          Number(ctx.country.today().slice(0, 4)),
        );
      }
    }
    await extension?.beforeWrite(trx, steps, { id: eventId, type: config.id, trackingId: event.tracking_id, state });
    const final = steps.reduce((s, step) => applyAction(s, step.action), state);
    const version = event.version + 1;
    await repo.appendActions(
      trx,
      eventId,
      steps.map((s) => s.action),
    );
    await repo.writeIndex(
      trx,
      toIndexRow(ctx.country, config, { id: eventId, trackingId: event.tracking_id }, final, version),
    );
    await repo.setVersion(trx, eventId, version);
    await repo.deleteDrafts(trx, eventId, user.id);
    await appendAudit(trx, {
      stream: `event:${eventId}`,
      actorId: user.id,
      actorRole: user.role,
      action: `record.${type}`,
      subjectType: 'event',
      subjectId: eventId,
      details: { steps: steps.map((s) => s.action.type), transactionId: body.transactionId, version },
    });
  });
  return mustLoad(ctx.db, eventId);
}

/** Delete a record that was never submitted (only CREATE so far), by its creator. The log keeps both actions. */
export async function deleteEvent(ctx: AppContext, user: AuthUser, eventId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const event = await repo.lockEvent(trx, eventId);
    const row = event && (await repo.readIndex(trx, eventId));
    if (!event || !row) throw notFound(`no record ${eventId}`);
    if (row.created_by !== user.id) throw forbidden('only the user who created a draft record may delete it');
    if (row.status !== 'CREATED') throw conflict('only a record that was never submitted can be deleted');
    const action: Action = {
      id: randomUUID(),
      type: 'DELETE',
      status: 'Accepted',
      transactionId: randomUUID(),
      createdBy: user.id,
      createdByRole: user.role,
      createdAtLocation: user.primaryOfficeId,
      createdAt: new Date().toISOString(),
      declaration: null,
      annotation: null,
      content: null,
      registrationNumber: null,
    };
    await repo.appendActions(trx, eventId, [action]);
    await repo.removeIndex(trx, eventId);
    await repo.deleteDrafts(trx, eventId);
    await repo.setVersion(trx, eventId, event.version + 1);
    await appendAudit(trx, {
      stream: `event:${eventId}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'record.DELETE',
      subjectType: 'event',
      subjectId: eventId,
    });
  });
}
