import { randomUUID } from 'node:crypto';
import {
  actionSteps,
  applyAction,
  displayStatus,
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
import { requireScope, type RecordPlace } from './authorize.ts';
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
]);

const STEP_SCOPE: Partial<Record<ActionType, ScopeName>> = {
  NOTIFY: 'record.notify',
  DECLARE: 'record.declare',
  VALIDATE: 'record.validate',
  REGISTER: 'record.register',
  REJECT: 'record.reject',
  ARCHIVE: 'record.archive',
};

const CHANGES_DECLARATION = new Set<ActionType>(['NOTIFY', 'DECLARE', 'VALIDATE', 'REGISTER']);

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
): PlannedStep[] {
  if (!REQUESTABLE_ACTIONS.has(type)) {
    throw badRequest(`${type} cannot be requested here; use one of ${[...REQUESTABLE_ACTIONS].join(', ')}`);
  }
  if (body.declaration && !CHANGES_DECLARATION.has(type)) {
    throw badRequest(`${type} does not change the declaration`, [{ field: 'declaration', message: 'not accepted' }]);
  }
  checkAssignment(ctx, user, config, state, place, type);
  const reason = body.content?.reason ?? body.reason ?? null;
  const now = new Date().toISOString();
  const planned: PlannedStep[] = [];
  let current = state;
  for (const [i, step] of actionSteps(state, type).entries()) {
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
      status: 'Accepted',
      transactionId: body.transactionId,
      createdBy: user.id,
      createdByRole: user.role,
      createdAtLocation: user.primaryOfficeId,
      createdAt: now,
      declaration: i === 0 && body.declaration && Object.keys(body.declaration).length ? body.declaration : null,
      annotation: i === 0 && body.annotation ? body.annotation : null,
      content: step === type && reason ? { reason } : step === 'ASSIGN' ? { assignedTo: user.id } : null,
      registrationNumber: null,
    };
    checkStepInput(ctx, config, current, action);
    current = applyAction(current, action);
    planned.push({ action, state: current });
  }
  return planned;
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

/** Checks of the request's data for one step: the form for declaration steps, a reason for rejection. */
function checkStepInput(ctx: AppContext, config: EventConfig, current: EventState, action: Action) {
  if (CHANGES_DECLARATION.has(action.type)) {
    const declaration = mergeDeclaration(current.declaration, action.declaration);
    const errors = validateDeclaration(config, declaration, {
      mode: action.type === 'NOTIFY' ? 'partial' : 'complete',
      today: ctx.country.today(),
      findLocation: (id) => ctx.country.locations.get(id),
    });
    if (errors.length) throw badRequest(describeErrors(errors), errors);
  }
  if (action.type === 'REJECT' && !action.content?.reason) {
    throw badRequest('a reason is required to send a record back for updates', [
      { field: 'content.reason', message: 'required' },
    ]);
  }
}

function describeErrors(errors: FieldError[]): string {
  const n = errors.length;
  return `the declaration has ${n} problem${n === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}`;
}

/** Anyone may act on what they created; otherwise reading needs record.read within jurisdiction. */
export function requireReadAccess(
  ctx: AppContext,
  user: AuthUser,
  type: string,
  createdBy: string,
  place: RecordPlace,
) {
  if (createdBy === user.id) return;
  requireScope(ctx.country, user, 'record.read', type, place);
}
