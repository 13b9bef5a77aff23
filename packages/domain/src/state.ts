import type { Action, EventStatus, Flag, JsonObject } from './actions.ts';
import { WRITE_ACTIONS } from './actions.ts';
import {
  NO_LEGAL_STATUSES,
  nextLegalStatuses,
  userTypeOf,
  type LegalStatuses,
  type UserType,
} from './legal-statuses.ts';

/** The current state of a record, derived from its actions (and stored as the event_index projection). */
export interface EventState {
  status: EventStatus;
  flags: Flag[];
  declaration: JsonObject;
  assignedTo: string | null;
  registrationNumber: string | null;
  createdBy: string;
  createdAtLocation: string | null;
  createdAt: string;
  updatedAt: string;
  /** When the record was first declared (or notified), and where. */
  declaredAt: string | null;
  registeredAt: string | null;
  registeredAtLocation: string | null;
  /** Whether a person or an integration client created the record. */
  createdByUserType: UserType;
  /** Who last changed the record's status or content (a write action), with their role and office. */
  updatedBy: string;
  updatedByRole: string;
  updatedAtLocation: string | null;
  legalStatuses: LegalStatuses;
  deleted: boolean;
}

function withFlag(flags: Flag[], add: Flag[], remove: Flag[] = []): Flag[] {
  const next = new Set(flags.filter((f) => !remove.includes(f)));
  for (const f of add) next.add(f);
  return [...next].sort();
}

/** Merge a partial declaration: a null value removes the answer. */
export function mergeDeclaration(current: JsonObject, patch: JsonObject | null | undefined): JsonObject {
  if (!patch) return current;
  const next: JsonObject = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}

/**
 * Apply one action to a record's state. This reducer is the single definition of what each action does;
 * the server runs it on write and `lifeline reindex` replays it over the whole log.
 */
export function applyAction(state: EventState | null, action: Action): EventState {
  if (action.type === 'CREATE' || !state) {
    if (action.type !== 'CREATE') throw new Error(`a record must start with CREATE, not ${action.type}`);
    if (state) throw new Error('a record has only one CREATE');
    return {
      status: 'CREATED',
      flags: [],
      declaration: {},
      assignedTo: action.createdBy,
      registrationNumber: null,
      createdBy: action.createdBy,
      createdAtLocation: action.createdAtLocation,
      createdAt: action.createdAt,
      updatedAt: action.createdAt,
      declaredAt: null,
      registeredAt: null,
      registeredAtLocation: null,
      createdByUserType: userTypeOf(action.createdByRole),
      updatedBy: action.createdBy,
      updatedByRole: action.createdByRole,
      updatedAtLocation: action.createdAtLocation,
      legalStatuses: NO_LEGAL_STATUSES,
      deleted: false,
    };
  }
  if (action.type === 'REGISTER' && action.status === 'Rejected') {
    // The national ID system refused the requested registration: the declaration goes back for updates.
    return {
      ...state,
      assignedTo: null,
      flags: withFlag(state.flags, ['rejected'], ['registration-requested', 'validated']),
      updatedAt: action.createdAt,
    };
  }
  if (action.status === 'Rejected') return { ...state, updatedAt: action.createdAt };
  const next: EventState = {
    ...state,
    // A correction request proposes changes; only its approval applies them.
    declaration:
      action.type === 'REQUEST_CORRECTION'
        ? state.declaration
        : mergeDeclaration(state.declaration, action.declaration),
    updatedAt: action.createdAt,
  };
  if (WRITE_ACTIONS.has(action.type)) {
    next.assignedTo = null;
    next.updatedBy = action.createdBy;
    next.updatedByRole = action.createdByRole;
    next.updatedAtLocation = action.createdAtLocation;
  }
  next.legalStatuses = nextLegalStatuses(state.legalStatuses, action);
  switch (action.type) {
    case 'NOTIFY':
      next.status = 'NOTIFIED';
      next.declaredAt ??= action.createdAt;
      break;
    case 'DECLARE':
      next.status = 'DECLARED';
      next.declaredAt ??= action.createdAt;
      next.flags = withFlag(state.flags, [], ['rejected']);
      break;
    case 'VALIDATE':
      next.status = 'DECLARED';
      next.declaredAt ??= action.createdAt;
      next.flags = withFlag(state.flags, ['validated'], ['rejected']);
      break;
    case 'REGISTER':
      if (action.status === 'Accepted') {
        next.status = 'REGISTERED';
        next.registrationNumber = action.registrationNumber;
        next.registeredAt = action.createdAt;
        next.registeredAtLocation = action.createdAtLocation;
        // A registration brought in from a legacy register says so (content.imported: file, row, registrar).
        next.flags = withFlag(state.flags, action.content?.imported ? ['imported'] : [], [
          'validated',
          'rejected',
          'registration-requested',
        ]);
      } else if (action.status === 'Requested') {
        // Registration waits for the national ID system's confirmation; no number is given yet.
        next.status = 'DECLARED';
        next.flags = withFlag(state.flags, ['registration-requested'], ['rejected']);
      }
      break;
    case 'REJECT':
      next.flags = withFlag(state.flags, ['rejected'], ['validated']);
      break;
    case 'ARCHIVE':
      next.status = 'ARCHIVED';
      next.flags = [];
      break;
    case 'UNARCHIVE':
      // Back where a declaration is reviewed: complete ones as declared, incomplete ones as notified.
      next.status = action.content?.status === 'NOTIFIED' ? 'NOTIFIED' : 'DECLARED';
      break;
    case 'ASSIGN':
      next.assignedTo = typeof action.content?.assignedTo === 'string' ? action.content.assignedTo : action.createdBy;
      break;
    case 'UNASSIGN':
      next.assignedTo = null;
      break;
    case 'DELETE':
      next.deleted = true;
      break;
    case 'DUPLICATE_DETECTED':
      next.flags = withFlag(state.flags, ['potential-duplicate']);
      break;
    case 'MARK_AS_DUPLICATE':
    case 'MARK_AS_NOT_DUPLICATE':
      next.flags = withFlag(state.flags, [], ['potential-duplicate']);
      break;
    case 'PRINT_CERTIFICATE':
      // Printing for someone who is there hands it over at once; printing in advance leaves it to ISSUE.
      next.flags = withFlag(
        state.flags,
        action.annotation?.printInAdvance === true ? ['printed'] : ['printed', 'issued'],
      );
      break;
    case 'ISSUE_CERTIFICATE':
      next.flags = withFlag(state.flags, ['issued']);
      break;
    case 'REVOKE':
      next.flags = withFlag(state.flags, ['revoked']);
      break;
    case 'REINSTATE':
      next.flags = withFlag(state.flags, [], ['revoked']);
      break;
    case 'REQUEST_CORRECTION':
      next.flags = withFlag(state.flags, ['correction-requested']);
      break;
    case 'APPROVE_CORRECTION':
    case 'REJECT_CORRECTION':
      next.flags = withFlag(state.flags, [], ['correction-requested']);
      break;
    case 'READ':
      break;
  }
  return next;
}

/** Replay a whole history (used by reindex and by tests of the projection). */
export function deriveState(actions: readonly Action[]): EventState | null {
  let state: EventState | null = null;
  for (const action of actions) state = applyAction(state, action);
  return state;
}
