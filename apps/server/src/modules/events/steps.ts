import { randomUUID } from 'node:crypto';
import {
  actionSteps,
  applyAction,
  blockingFlag,
  annotationRequired,
  checkAnnotation,
  displayStatus,
  FLAG_EXPLANATIONS,
  isActionAllowed,
  mergeDeclaration,
  validateDeclaration,
  type Action,
  type ActionType,
  type EventConfig,
  type EventState,
  type FieldError,
  type ScopeName,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { requireRead } from '../access/index.ts';
import { requireScope, type RecordPlace } from './authorize.ts';
import { checkCorrectionRequest, correctionReasonText } from './corrections.ts';
import type { ActionBody } from './schemas.ts';

/** Action types a client may request through POST /api/events/{id}/actions/{type} today. */
export const REQUESTABLE_ACTIONS = new Set<ActionType>([
  'NOTIFY',
  'DECLARE',
  'VALIDATE',
  'REGISTER',
  'REJECT',
  'ARCHIVE',
  'ASSIGN',
  'UNASSIGN',
  'REQUEST_CORRECTION',
  'APPROVE_CORRECTION',
  'REJECT_CORRECTION',
  'REVOKE',
  'REINSTATE',
  'MARK_AS_DUPLICATE',
  'MARK_AS_NOT_DUPLICATE',
  'UNARCHIVE',
]);

const STEP_SCOPE: Partial<Record<ActionType, ScopeName>> = {
  NOTIFY: 'record.notify',
  DECLARE: 'record.declare',
  VALIDATE: 'record.validate',
  REGISTER: 'record.register',
  REJECT: 'record.reject',
  ARCHIVE: 'record.archive',
  UNARCHIVE: 'record.archive',
  PRINT_CERTIFICATE: 'record.print-certified-copies',
  ISSUE_CERTIFICATE: 'record.print-certified-copies',
  REQUEST_CORRECTION: 'record.request-correction',
  APPROVE_CORRECTION: 'record.correct',
  REJECT_CORRECTION: 'record.correct',
  REVOKE: 'record.revoke',
  REINSTATE: 'record.revoke',
  MARK_AS_DUPLICATE: 'record.review-duplicates',
  MARK_AS_NOT_DUPLICATE: 'record.review-duplicates',
};

/** Actions that must say why. */
const NEEDS_REASON = new Set<ActionType>([
  'REJECT',
  'REVOKE',
  'REINSTATE',
  'REQUEST_CORRECTION',
  'REJECT_CORRECTION',
  'MARK_AS_NOT_DUPLICATE',
  'UNARCHIVE',
]);
const CORRECTIONS = new Set<ActionType>(['REQUEST_CORRECTION', 'APPROVE_CORRECTION']);

const CHANGES_DECLARATION = new Set<ActionType>([
  'NOTIFY',
  'DECLARE',
  'VALIDATE',
  'REGISTER',
  'REQUEST_CORRECTION',
  'APPROVE_CORRECTION',
]);

export interface PlannedStep {
  action: Action;
  state: EventState;
}

/**
 * Plan the actions one request performs on a record: expand REGISTER/VALIDATE on undeclared records into
 * their steps, and check each against the lifecycle table, the caller's scopes and jurisdiction, the
 * assignment lock and the form. Throws 400/403/409 before anything is written. Registration numbers are
 * filled in by the caller, inside the transaction.
 */
export function planSteps(
  ctx: AppContext,
  user: AuthUser,
  config: EventConfig,
  state: EventState,
  place: RecordPlace,
  type: ActionType,
  body: ActionBody,
  requestable: ReadonlySet<ActionType> = REQUESTABLE_ACTIONS,
  /** The changes of a pending correction request, which an approval applies. */
  pendingCorrection: Record<string, unknown> | null = null,
  /** The uploaded files the declaration refers to (see `referencedFiles`); documents must be among them. */
  findFile?: (path: string) => { contentType: string } | undefined,
  /** The record's declaration already passed complete validation, and has not changed since (see verdict.ts). */
  declarationChecked = false,
): PlannedStep[] {
  if (!requestable.has(type)) {
    throw badRequest(`${type} cannot be requested here; use one of ${[...requestable].join(', ')}`);
  }
  if (body.declaration && !CHANGES_DECLARATION.has(type)) {
    throw badRequest(`${type} does not change the declaration`, [{ field: 'declaration', message: 'not accepted' }]);
  }
  const annotationErrors = checkAnnotation(type, body.annotation, { pendingCorrection: !!pendingCorrection });
  if (annotationErrors.length) throw badRequest(`the annotation does not fit ${type}`, annotationErrors);
  checkAssignment(ctx, user, config, state, place, type);
  // A correction request, or a registrar's one-step correction: the annotation records who asks and why.
  const correctionRequest = annotationRequired(type, { pendingCorrection: !!pendingCorrection });
  if (body.annotation && type === 'APPROVE_CORRECTION' && pendingCorrection) {
    throw badRequest('the pending request already holds who asked and why', [
      { field: 'annotation', message: 'not accepted when approving a pending request' },
    ]);
  }
  if (correctionRequest) {
    const errors = checkCorrectionRequest(ctx, config, state, body.annotation, findFile);
    if (errors.length) throw badRequest('the correction request has problems', errors);
  }
  const reason =
    body.content?.reason ??
    body.reason ??
    (correctionRequest
      ? correctionReasonText(config, body.annotation, ctx.country.config.settings.defaultLanguage)
      : null) ??
    null;
  const now = new Date().toISOString();
  const planned: PlannedStep[] = [];
  // Name the flag that stands in the way, rather than the first of the steps the action would expand into.
  const flag = blockingFlag(state, type);
  if (flag) throw conflict(`${type} is not allowed now: ${FLAG_EXPLANATIONS[flag]}`);
  let current = state;
  let checked = declarationChecked;
  for (const [i, step] of stepsFor(state, type, body).entries()) {
    if (!isActionAllowed(current, step)) {
      throw conflict(
        `${step} is not allowed on a record that is ${displayStatus(current).toLowerCase().replace('_', ' ')}`,
      );
    }
    const scope = STEP_SCOPE[step];
    if (scope) requireScope(ctx.country, user, scope, config.id, place);
    const action: Action = {
      id: randomUUID(),
      type: step,
      // Where the country says so, registration waits for the national ID system (see registration-requests.ts).
      status: step === 'REGISTER' && config.nationalIdConfirmation ? 'Requested' : 'Accepted',
      transactionId: body.transactionId,
      createdBy: user.id,
      createdByRole: user.role,
      createdAtLocation: user.primaryOfficeId,
      createdAt: now,
      declaration: stepDeclaration(step, i, body, pendingCorrection),
      annotation: i === 0 && body.annotation ? body.annotation : null,
      content:
        step === 'UNARCHIVE'
          ? { reason, status: unarchivedStatus(ctx, config, current) }
          : reason && (step === type || NEEDS_REASON.has(step))
            ? { reason }
            : step === 'ASSIGN'
              ? { assignedTo: user.id }
              : null,
      registrationNumber: null,
    };
    checked = checkStepInput(ctx, config, current, action, findFile, checked);
    current = applyAction(current, action);
    planned.push({ action, state: current });
  }
  return planned;
}

/** Where an unarchived declaration goes: DECLARED when its answers are complete, else NOTIFIED. */
function unarchivedStatus(ctx: AppContext, config: EventConfig, state: EventState): 'DECLARED' | 'NOTIFIED' {
  const errors = validateDeclaration(config, state.declaration, {
    mode: 'complete',
    today: ctx.country.today(),
    findLocation: (id) => ctx.country.locations.get(id),
  });
  return errors.length ? 'NOTIFIED' : 'DECLARED';
}

function checkAssignment(
  ctx: AppContext,
  user: AuthUser,
  config: EventConfig,
  state: EventState,
  place: RecordPlace,
  type: ActionType,
) {
  const holder = state.assignedTo;
  if (type === 'UNASSIGN') {
    if (!holder) throw conflict('the record is not assigned to anyone');
    if (holder !== user.id) requireScope(ctx.country, user, 'record.unassign-others', config.id, place);
    return;
  }
  if (holder && holder !== user.id) {
    throw conflict('the record is assigned to another user; they, or a supervisor, must unassign it first');
  }
  if (type === 'ASSIGN' && holder === user.id) throw conflict('the record is already assigned to you');
}

/** The lifecycle's steps, plus what a duplicate verdict does next: archive the record, or send it back. */
function stepsFor(state: EventState, type: ActionType, body: ActionBody): ActionType[] {
  if (type === 'MARK_AS_DUPLICATE')
    return ['MARK_AS_DUPLICATE', body.content?.resolution === 'REJECT' ? 'REJECT' : 'ARCHIVE'];
  return actionSteps(state, type);
}

/**
 * Checks of the request's data for one step: the form for declaration steps, a reason for rejection. `checked`:
 * the declaration as it stands passed complete validation already (earlier, or at a previous step of this
 * request); a step that changes nothing in it is not validated again. Returns whether that holds after the step.
 */
function checkStepInput(
  ctx: AppContext,
  config: EventConfig,
  current: EventState,
  action: Action,
  findFile: ((path: string) => { contentType: string } | undefined) | undefined,
  checked: boolean,
): boolean {
  const complete = action.type !== 'NOTIFY';
  const unchanged = !action.declaration || !Object.keys(action.declaration).length;
  let valid = checked && unchanged;
  if (CHANGES_DECLARATION.has(action.type) && !(valid && complete)) {
    const declaration = mergeDeclaration(current.declaration, action.declaration);
    const errors = validateDeclaration(config, declaration, {
      mode: complete ? 'complete' : 'partial',
      today: ctx.country.today(),
      findLocation: (id) => ctx.country.locations.get(id),
      findFile,
    });
    if (errors.length) throw badRequest(describeErrors(errors), errors);
    valid = complete || (checked && unchanged);
  }
  if (NEEDS_REASON.has(action.type) && !action.content?.reason) {
    throw badRequest(`a reason is required to ${action.type.toLowerCase().replace('_', ' ')}`, [
      { field: 'content.reason', message: 'required' },
    ]);
  }
  if (CORRECTIONS.has(action.type) && !action.declaration) {
    throw badRequest('a correction needs the corrected answers', [{ field: 'declaration', message: 'required' }]);
  }
  return valid;
}

/**
 * The declaration an action step carries: the request's changes go on the first step, and on both steps of a
 * correction (the request proposes them, the approval applies them); a later approval applies the pending request.
 */
function stepDeclaration(
  step: ActionType,
  index: number,
  body: ActionBody,
  pendingCorrection: Record<string, unknown> | null,
): Record<string, unknown> | null {
  const given = body.declaration && Object.keys(body.declaration).length ? body.declaration : null;
  if (step === 'APPROVE_CORRECTION') return given ?? pendingCorrection;
  if (index === 0 || step === 'REQUEST_CORRECTION') return given;
  return null;
}

function describeErrors(errors: FieldError[]): string {
  const n = errors.length;
  return `the declaration has ${n} problem${n === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}`;
}

/** Anyone may act on what they created; otherwise the access module's read rule decides. */
export function requireReadAccess(
  ctx: AppContext,
  user: AuthUser,
  record: { type: string; createdBy: string; status: string },
  place: RecordPlace,
  options: { partial?: boolean } = {},
) {
  requireRead(ctx.country, user, { ...record, ...place }, options);
}

/**
 * The scope of the requested action itself, checked before the record's state, assignment or version are looked
 * at: a caller without it learns nothing about the record from the answer. (Steps an action expands into are
 * checked again one by one in `planSteps`.)
 */
export function requireActionScope(
  ctx: AppContext,
  user: AuthUser,
  config: EventConfig,
  type: ActionType,
  place: RecordPlace,
) {
  const scope = STEP_SCOPE[type];
  if (scope) requireScope(ctx.country, user, scope, config.id, place);
}
