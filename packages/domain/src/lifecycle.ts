import type { ActionType, EventStatus, Flag } from './actions.ts';
import type { EventState } from './state.ts';

/** Actions allowed in each status, before flags are considered. The one table client and server share. */
export const ALLOWED_BY_STATUS: Record<EventStatus, readonly ActionType[]> = {
  CREATED: ['NOTIFY', 'DECLARE', 'VALIDATE', 'REGISTER', 'DELETE', 'ASSIGN', 'UNASSIGN', 'READ'],
  NOTIFIED: ['DECLARE', 'VALIDATE', 'REGISTER', 'REJECT', 'ARCHIVE', 'ASSIGN', 'UNASSIGN', 'READ'],
  DECLARED: ['VALIDATE', 'REGISTER', 'REJECT', 'ARCHIVE', 'ASSIGN', 'UNASSIGN', 'READ'],
  REGISTERED: ['PRINT_CERTIFICATE', 'REQUEST_CORRECTION', 'APPROVE_CORRECTION', 'REVOKE', 'ASSIGN', 'UNASSIGN', 'READ'],
  ARCHIVED: ['UNARCHIVE', 'ASSIGN', 'UNASSIGN', 'READ'],
};

/** What a flag adds to or removes from the status table. */
export const FLAG_RULES: Record<Flag, { allows?: readonly ActionType[]; blocks?: readonly ActionType[] }> = {
  validated: { blocks: ['VALIDATE'] },
  // "Requires updates": the declaration may be corrected and sent again.
  rejected: { allows: ['DECLARE'], blocks: ['REJECT'] },
  // Nothing moves forward until someone reviews the possible duplicate.
  'potential-duplicate': {
    allows: ['MARK_AS_DUPLICATE', 'MARK_AS_NOT_DUPLICATE'],
    blocks: ['DECLARE', 'VALIDATE', 'REGISTER'],
  },
  // A certificate printed in advance can be handed over.
  printed: { allows: ['ISSUE_CERTIFICATE'] },
  issued: {},
  'correction-requested': {
    allows: ['APPROVE_CORRECTION', 'REJECT_CORRECTION'],
    blocks: ['PRINT_CERTIFICATE', 'ISSUE_CERTIFICATE', 'REQUEST_CORRECTION', 'REVOKE'],
  },
  // A revoked registration stays in the register but no longer certifies anything until reinstated.
  revoked: {
    allows: ['REINSTATE'],
    blocks: ['PRINT_CERTIFICATE', 'ISSUE_CERTIFICATE', 'REQUEST_CORRECTION', 'APPROVE_CORRECTION', 'REVOKE'],
  },
  // Waiting for the national ID system: only its confirmation or rejection moves the record on.
  'registration-requested': {
    blocks: ['DECLARE', 'VALIDATE', 'REGISTER', 'REJECT', 'ARCHIVE', 'MARK_AS_DUPLICATE', 'MARK_AS_NOT_DUPLICATE'],
  },
  // An imported registration is a registration like any other: certified, corrected, revoked the same way.
  imported: {},
};

/** What each flag means to someone whose action it blocks, and what to do about it. */
export const FLAG_EXPLANATIONS: Record<Flag, string> = {
  validated: 'the record is already validated',
  rejected: 'the record was sent back for updates: declare it again first',
  'potential-duplicate':
    'the record is flagged as a possible duplicate (potential-duplicate): review it first with MARK_AS_DUPLICATE or ' +
    'MARK_AS_NOT_DUPLICATE',
  printed: 'a certificate is already printed',
  issued: 'a certificate is already handed over',
  'correction-requested':
    'a correction is pending (correction-requested): approve or reject it first (APPROVE_CORRECTION, REJECT_CORRECTION)',
  revoked: 'the registration is revoked (revoked): reinstate it first (REINSTATE)',
  'registration-requested':
    'the registration waits for the national ID system (registration-requested): it confirms or rejects it',
  imported: 'the record was imported from a legacy register',
};

/** The flag that takes `action` away from a record whose status would allow it; null when none does. */
export function blockingFlag(state: Pick<EventState, 'status' | 'flags'>, action: ActionType): Flag | null {
  const byStatus = ALLOWED_BY_STATUS[state.status].includes(action);
  const byFlag = state.flags.some((f) => FLAG_RULES[f].allows?.includes(action));
  if (!byStatus && !byFlag) return null;
  return state.flags.find((f) => FLAG_RULES[f].blocks?.includes(action)) ?? null;
}

export function allowedActions(state: Pick<EventState, 'status' | 'flags'>): Set<ActionType> {
  const allowed = new Set<ActionType>(ALLOWED_BY_STATUS[state.status]);
  for (const flag of state.flags) for (const a of FLAG_RULES[flag].allows ?? []) allowed.add(a);
  for (const flag of state.flags) for (const a of FLAG_RULES[flag].blocks ?? []) allowed.delete(a);
  return allowed;
}

export function isActionAllowed(state: Pick<EventState, 'status' | 'flags'>, action: ActionType): boolean {
  return allowedActions(state).has(action);
}

/**
 * The steps one request performs. A registrar may register a record nobody has declared yet: the server runs
 * DECLARE, VALIDATE and REGISTER in one transaction, each step checked against the table and the caller's scopes.
 */
export function actionSteps(state: Pick<EventState, 'status' | 'flags'>, target: ActionType): ActionType[] {
  // A registrar corrects a record in one step: the request and its approval, atomically.
  if (target === 'APPROVE_CORRECTION' && !state.flags.includes('correction-requested')) {
    return ['REQUEST_CORRECTION', 'APPROVE_CORRECTION'];
  }
  if (target !== 'VALIDATE' && target !== 'REGISTER') return [target];
  const steps: ActionType[] = [];
  if (state.status === 'CREATED' || state.status === 'NOTIFIED') steps.push('DECLARE');
  if (target === 'REGISTER' && !state.flags.includes('validated')) steps.push('VALIDATE');
  steps.push(target);
  return steps;
}

/** The status words registry staff know (from the 1.x system), derived from status and flags. */
export type DisplayStatus =
  | 'IN_PROGRESS'
  | 'DECLARED'
  | 'VALIDATED'
  | 'REGISTRATION_REQUESTED'
  | 'REQUIRES_UPDATES'
  | 'REGISTERED'
  | 'CERTIFIED'
  | 'ISSUED'
  | 'CORRECTION_REQUESTED'
  | 'REVOKED'
  | 'ARCHIVED';

export function displayStatus(state: Pick<EventState, 'status' | 'flags'>): DisplayStatus {
  switch (state.status) {
    case 'CREATED':
    case 'NOTIFIED':
      return state.flags.includes('rejected') ? 'REQUIRES_UPDATES' : 'IN_PROGRESS';
    case 'DECLARED':
      if (state.flags.includes('rejected')) return 'REQUIRES_UPDATES';
      if (state.flags.includes('registration-requested')) return 'REGISTRATION_REQUESTED';
      return state.flags.includes('validated') ? 'VALIDATED' : 'DECLARED';
    case 'REGISTERED':
      if (state.flags.includes('revoked')) return 'REVOKED';
      if (state.flags.includes('correction-requested')) return 'CORRECTION_REQUESTED';
      if (state.flags.includes('issued')) return 'ISSUED';
      return state.flags.includes('printed') ? 'CERTIFIED' : 'REGISTERED';
    case 'ARCHIVED':
      return 'ARCHIVED';
  }
}
