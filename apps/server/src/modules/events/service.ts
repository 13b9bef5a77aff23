import { randomUUID } from 'node:crypto';
import {
  applyAction,
  filePaths,
  type Action,
  type ActionType,
  type EventConfig,
  type EventState,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { declarationFileLinks, storedFiles, type FileLink } from '../files/index.ts';
import { appendAudit, auditRow, type AuditEntry } from '../audit/index.ts';
import { GENESIS_HASH } from '../../lib/hash.ts';
import type { AuthUser } from '../auth/types.ts';
import { hasScope } from './authorize.ts';
import { newTrackingId, nextRegistrationNumber } from './identifiers.ts';
import { toIndexRow } from './projection.ts';
import { registrarOf, toFactsRow } from '../statistics/facts.ts';
import type { FactsWrite } from '../statistics/tables.ts';
import * as repo from './repository.ts';
import type { RecordWrite } from './repository.ts';
import type { ActionBody, ActionReply, EventDocument } from './schemas.ts';
import { completeDuplicateVerdict, withDuplicateCheck } from './duplicates.ts';
import { writeChange, type QueuedJob } from './changes.ts';
import { documentFromRow, documentOf, mustLoad, presentStateTo, presentTo } from './documents.ts';
import { againIfNumberTaken, onceEvenIfRaced, violatedKey } from './races.ts';
import { declarationVerdict } from './verdict.ts';
import { planSteps, REQUESTABLE_ACTIONS, requireActionScope, requireReadAccess, type PlannedStep } from './steps.ts';

export function eventConfig(ctx: AppContext, type: string): EventConfig {
  const config = ctx.country.events.get(type);
  if (!config) {
    const known = [...ctx.country.events.keys()].join(', ');
    throw badRequest(`unknown event type "${type}"`, [{ field: 'type', message: `must be one of ${known}` }]);
  }
  return config;
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
  return (await createRecord(ctx, user, body)).document;
}

/** The first action of a record created with it, in the same transaction (e.g. a health system's NOTIFY). */
export interface FirstAction {
  type: ActionType;
  body: ActionBody;
  /** Run duplicate detection at this action, as at declare/validate/register. */
  detectDuplicates?: boolean;
}

/**
 * Create a record and perform its first action in one transaction: both happen or neither. Replaying the
 * create's transactionId returns the record as it is now, with `created: false`, and writes nothing.
 */
export async function createWithAction(
  ctx: AppContext,
  user: AuthUser,
  body: { type: string; transactionId: string },
  first: FirstAction,
): Promise<{ document: EventDocument; created: boolean }> {
  return createRecord(ctx, user, body, first);
}

async function createRecord(
  ctx: AppContext,
  user: AuthUser,
  body: { type: string; transactionId: string },
  first?: FirstAction,
): Promise<{ document: EventDocument; created: boolean }> {
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
  // A plain create finds out it is a replay from the unique transactionId (below), sparing a query on every
  // create; a create with a first action looks first, so a replay never re-runs that action's checks.
  if (first) {
    const earlier = await replay();
    if (earlier) return { document: earlier, created: false };
  }

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
  let created: EventDocument;
  try {
    created = await againIfNumberTaken(() =>
      ctx.db.transaction().execute(async (trx) => {
        const trackingId = newTrackingId(config.code);
        const state = applyAction(null, action);
        const index = toIndexRow(ctx.country, config, { id, trackingId }, state, 0);
        const change = {
          eventId: id,
          eventType: config.id,
          trackingId,
          actions: [action],
          before: null,
          after: state,
          version: 0,
          actor: user,
        };
        await writeChange(ctx, trx, change, (jobs) =>
          commitRecord(
            trx,
            id,
            { version: -1, last_seq: 0, last_hash: null, audit_hash: null },
            [action],
            index,
            null,
            {
              stream: `event:${id}`,
              actorId: user.id,
              actorRole: user.role,
              action: 'record.CREATE',
              subjectType: 'event',
              subjectId: id,
              details: { type: config.id, trackingId, transactionId: body.transactionId },
            },
            null,
            { jobs },
            { type: config.id, trackingId, createdAt: now },
          ),
        );
        if (!first) return documentOf(index, state, [action]);
        const acted = await actInTransaction(ctx, trx, user, id, first.type, first.body, first);
        if (!acted) throw conflict('the first action of a new record cannot replay an earlier one');
        return documentOf(acted.index, acted.state, await repo.listActions(trx, id));
      }),
    );
  } catch (error) {
    // A concurrent request with the same transactionId won the race: answer with its record.
    if (violatedKey(error) !== null) {
      const winner = await replay();
      if (winner) return { document: winner, created: false };
    }
    throw error;
  }
  return { document: created, created: true };
}

export async function getEvent(ctx: AppContext, user: AuthUser, eventId: string): Promise<EventDocument> {
  const doc = await mustLoad(ctx.db, eventId);
  // Shown through presentTo, which keeps only the fields a limited client may see.
  requireReadAccess(ctx, user, doc, placeOf(doc), { partial: true });
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
  return presentTo(ctx, user, doc);
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
  const written = await writeAction(ctx, user, eventId, type, body, extension);
  // The history is read after commit, so the record's lock is held no longer than the writes need.
  if (!written) return presentTo(ctx, user, await mustLoad(ctx.db, eventId));
  return presentTo(ctx, user, documentOf(written.index, written.state, await repo.listActions(ctx.db, eventId)));
}

/** An action's own transaction (run once more if it raced its own copy); null when it was a replay. */
function writeAction(
  ctx: AppContext,
  user: AuthUser,
  eventId: string,
  type: ActionType,
  body: ActionBody,
  extension: ActionExtension | undefined,
) {
  return onceEvenIfRaced(() =>
    ctx.db.transaction().execute((trx) => actInTransaction(ctx, trx, user, eventId, type, body, { extension })),
  );
}

/**
 * An action as the API answers it: the record's state and version, without its history (the client has it or
 * reads it with GET) unless asked for: reading and sending the whole history on every write cost more than the
 * write itself.
 */
export async function performActionReply(
  ctx: AppContext,
  user: AuthUser,
  eventId: string,
  type: ActionType,
  body: ActionBody,
  extension: ActionExtension | undefined,
  withHistory: boolean,
): Promise<ActionReply> {
  if (withHistory) return performAction(ctx, user, eventId, type, body, extension);
  const written = await writeAction(ctx, user, eventId, type, body, extension);
  if (written) return presentStateTo(user, ctx, documentOf(written.index, written.state, []));
  const row = await repo.readIndex(ctx.db, eventId);
  if (!row) throw notFound(`no record ${eventId}`);
  return presentStateTo(user, ctx, documentFromRow(row, []));
}

interface ActOptions {
  extension?: ActionExtension;
  /** Also run duplicate detection at this action (a health system's NOTIFY), not only at declare/validate/register. */
  detectDuplicates?: boolean;
}

/** performAction's work inside the caller's transaction; null when the transactionId was already used (replay). */
async function actInTransaction(
  ctx: AppContext,
  trx: Db,
  user: AuthUser,
  eventId: string,
  type: ActionType,
  body: ActionBody,
  { extension, detectDuplicates }: ActOptions,
): Promise<{ index: repo.IndexWrite; state: EventState } | null> {
  const locked = await repo.lockRecord(trx, eventId, body.transactionId, type);
  if (!locked) throw notFound(`no record ${eventId}`);
  const { event, index: row } = locked;
  const config = eventConfig(ctx, event.type);
  const state = repo.toState(row);
  const place = { createdAtLocation: row.created_at_location, placeOfEvent: row.place_of_event };
  requireReadAccess(ctx, user, { type: config.id, createdBy: state.createdBy, status: state.status }, place);
  requireActionScope(ctx, user, config, type, place);
  if (locked.replay) return null;
  if (body.version !== undefined && body.version !== event.version) {
    throw conflict(`the record has changed (version ${event.version}, you sent ${body.version}); reload it and retry`);
  }
  const requestable = extension ? new Set([...REQUESTABLE_ACTIONS, extension.type]) : REQUESTABLE_ACTIONS;
  const pending = state.flags.includes('correction-requested') ? await repo.pendingCorrection(trx, eventId) : null;
  // Validation and the duplicate check ran on this very declaration before: not again unless it changes.
  const checkedBefore =
    event.checked_hash !== null && event.checked_hash === declarationVerdict(ctx.country, config, state.declaration);
  // The documents' stored types matter only to what is checked now: nothing when nothing new comes to check.
  const nothingToCheck = checkedBefore && !body.declaration && !body.annotation && !pending;
  const { stored: files, standings } = nothingToCheck
    ? { stored: new Map<string, { contentType: string }>(), standings: undefined }
    : await storedFiles(trx, user.id, filePaths([state.declaration, body.declaration, pending, body.annotation]));
  const planned = planSteps(
    ctx,
    user,
    config,
    state,
    place,
    type,
    body,
    requestable,
    pending,
    (path) => files.get(path),
    checkedBefore,
  );
  // Checked now, written with the record in its statement.
  const fileLinks = await declarationFileLinks(
    trx,
    ctx,
    user,
    { eventId, draft: false },
    planned.flatMap((p) => [p.action.declaration, p.action.annotation]),
    standings,
  );
  await completeDuplicateVerdict(trx, eventId, planned, body);
  const { steps, verdict } = await withDuplicateCheck(
    trx,
    config,
    eventId,
    state,
    planned,
    detectDuplicates ? [type] : [],
    checkedBefore,
  );
  for (const hook of ctx.beforeRecordWrite ?? [])
    await hook(trx, { eventId, eventType: config.id, before: state }, steps);
  let heads = event;
  if (extension) {
    await extension.beforeWrite(trx, steps, { id: eventId, type: config.id, trackingId: event.tracking_id, state });
    // The extension may have audited on this record's stream: continue from its head.
    heads = { ...event, audit_hash: (await repo.auditHead(trx, eventId)) ?? event.audit_hash };
  }
  // The number is drawn last, once nothing can refuse the registration: a refusal after the draw leaves a gap.
  for (const step of steps) {
    if (step.action.type === 'REGISTER' && step.action.status === 'Accepted') {
      step.action.registrationNumber = await nextRegistrationNumber(
        trx,
        config.registrationNumberFormat ?? ctx.country.config.settings.registrationNumberFormat,
        config,
        Number(ctx.country.today().slice(0, 4)),
      );
    }
  }
  const final = steps.reduce((s, step) => applyAction(s, step.action), state);
  const unchanged = !steps.some((s) => s.action.declaration && Object.keys(s.action.declaration).length);
  const checkedHash = verdict
    ? checkedBefore && unchanged
      ? event.checked_hash
      : declarationVerdict(ctx.country, config, final.declaration)
    : unchanged
      ? event.checked_hash
      : null;
  const version = event.version + 1;
  const actions = steps.map((s) => s.action);
  const index = toIndexRow(ctx.country, config, { id: eventId, trackingId: event.tracking_id }, final, version);
  const facts = toFactsRow(ctx.country, config, index, final, registrarOf(actions));
  const change = {
    eventId,
    eventType: config.id,
    trackingId: event.tracking_id,
    actions,
    before: state,
    after: final,
    version,
    actor: user,
  };
  await writeChange(ctx, trx, change, (jobs) =>
    commitRecord(
      trx,
      eventId,
      heads,
      actions,
      index,
      user.id,
      {
        stream: `event:${eventId}`,
        actorId: user.id,
        actorRole: user.role,
        action: `record.${type}`,
        subjectType: 'event',
        subjectId: eventId,
        details: { steps: actions.map((a) => a.type), transactionId: body.transactionId, version },
      },
      facts,
      {
        checkedHash,
        namesChanged: !unchanged,
        request: repo.requestKey(type, body.transactionId),
        // The reducer hands the same object on when no action touched the declaration.
        declarationKept: final.declaration === state.declaration,
        fileLinks,
        jobs,
      },
    ),
  );
  return { index, state: final };
}

/** Chain the actions and the audit entry to the record's heads and write everything in one statement. */
export async function commitRecord(
  trx: Db,
  eventId: string,
  heads: { version: number; last_seq: number; last_hash: string | null; audit_hash: string | null },
  actions: Action[],
  index: repo.IndexWrite | null,
  draftsOf: string | null,
  audit: AuditEntry,
  facts: FactsWrite | null = null,
  /**
   * The declaration verdict the record keeps (verdict.ts), whether the names may have changed, and whether the
   * declaration is the one the projection holds (only its state columns are written then).
   */
  change?: {
    /** Left as it is when absent. */
    checkedHash?: string | null;
    /** True when absent. */
    namesChanged?: boolean;
    request?: string;
    declarationKept?: boolean;
    fileLinks?: FileLink[];
    jobs?: QueuedJob[];
  },
  /** A record created by this write (its row is inserted with it). */
  created?: RecordWrite['created'],
): Promise<void> {
  const chained = repo.chainActions(eventId, { seq: heads.last_seq, hash: heads.last_hash }, actions);
  const auditEntry = auditRow(audit, heads.audit_hash ?? GENESIS_HASH);
  await repo.writeRecord(trx, {
    eventId,
    actions: chained.rows,
    index,
    audit: auditEntry,
    events: {
      version: heads.version + 1,
      last_seq: chained.head.seq,
      last_hash: chained.head.hash,
      audit_hash: auditEntry.hash,
      ...(change?.checkedHash !== undefined ? { checked_hash: change.checkedHash } : {}),
      ...(change?.request ? { last_request: change.request } : {}),
    },
    draftsOf,
    namesChanged: change?.namesChanged ?? true,
    declarationKept: change?.declarationKept,
    fileLinks: change?.fileLinks,
    jobs: change?.jobs,
    facts,
    created,
  });
}

/** Delete a record that was never submitted (only CREATE so far), by its creator. The log keeps both actions. */
export async function deleteEvent(ctx: AppContext, user: AuthUser, eventId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRecord(trx, eventId, '', 'DELETE');
    if (!locked) throw notFound(`no record ${eventId}`);
    const { event, index: row } = locked;
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
    await commitRecord(trx, eventId, event, [action], null, null, {
      stream: `event:${eventId}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'record.DELETE',
      subjectType: 'event',
      subjectId: eventId,
    });
  });
}
