import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, EVENT_STATUSES, type ActionType, type EventStatus, type Flag } from './actions.ts';
import { actionSteps, allowedActions, blockingFlag, displayStatus, isActionAllowed } from './lifecycle.ts';

const state = (status: EventStatus, ...flags: Flag[]) => ({ status, flags });
const allowed = (status: EventStatus, ...flags: Flag[]) => [...allowedActions(state(status, ...flags))].sort();
const sorted = (actions: ActionType[]) => [...actions].sort();

describe('allowedActions by status (no flags)', () => {
  it('CREATED: may be notified, declared, validated, registered or deleted', () => {
    expect(allowed('CREATED')).toEqual(
      sorted(['NOTIFY', 'DECLARE', 'VALIDATE', 'REGISTER', 'DELETE', 'ASSIGN', 'UNASSIGN', 'READ']),
    );
  });

  it('NOTIFIED: may be declared, validated, registered, rejected or archived, not deleted', () => {
    expect(allowed('NOTIFIED')).toEqual(
      sorted(['DECLARE', 'VALIDATE', 'REGISTER', 'REJECT', 'ARCHIVE', 'ASSIGN', 'UNASSIGN', 'READ']),
    );
  });

  it('DECLARED: may be validated, registered, rejected or archived, not declared again', () => {
    expect(allowed('DECLARED')).toEqual(
      sorted(['VALIDATE', 'REGISTER', 'REJECT', 'ARCHIVE', 'ASSIGN', 'UNASSIGN', 'READ']),
    );
  });

  it('REGISTERED: may be printed, corrected (requested, or approved directly by a registrar) or revoked', () => {
    expect(allowed('REGISTERED')).toEqual(
      sorted(['PRINT_CERTIFICATE', 'REQUEST_CORRECTION', 'APPROVE_CORRECTION', 'REVOKE', 'ASSIGN', 'UNASSIGN', 'READ']),
    );
  });

  it('ARCHIVED: may only be read, (un)assigned and brought back (UNARCHIVE)', () => {
    expect(allowed('ARCHIVED')).toEqual(sorted(['UNARCHIVE', 'ASSIGN', 'UNASSIGN', 'READ']));
  });

  it('never allows CREATE or DUPLICATE_DETECTED as user actions, nor corrections before registration', () => {
    for (const status of EVENT_STATUSES) {
      const actions = allowedActions(state(status));
      expect(actions.has('CREATE')).toBe(false);
      expect(actions.has('DUPLICATE_DETECTED')).toBe(false);
      expect(actions.has('MARK_AS_NOT_DUPLICATE')).toBe(false);
      if (status !== 'REGISTERED') expect(actions.has('APPROVE_CORRECTION')).toBe(false);
    }
  });

  it('turns a registrar correction into request and approval, in one step', () => {
    expect(actionSteps(state('REGISTERED'), 'APPROVE_CORRECTION')).toEqual([
      'REQUEST_CORRECTION',
      'APPROVE_CORRECTION',
    ]);
    expect(actionSteps(state('REGISTERED', 'correction-requested'), 'APPROVE_CORRECTION')).toEqual([
      'APPROVE_CORRECTION',
    ]);
  });

  it('revoked blocks certificates and corrections until reinstated', () => {
    const revoked = state('REGISTERED', 'revoked');
    for (const a of ['PRINT_CERTIFICATE', 'ISSUE_CERTIFICATE', 'REQUEST_CORRECTION', 'REVOKE'] as const) {
      expect(isActionAllowed(revoked, a)).toBe(false);
    }
    expect(isActionAllowed(revoked, 'REINSTATE')).toBe(true);
    expect(isActionAllowed(state('REGISTERED'), 'REINSTATE')).toBe(false);
  });

  it('always allows READ, ASSIGN and UNASSIGN', () => {
    for (const status of EVENT_STATUSES) {
      for (const action of ['READ', 'ASSIGN', 'UNASSIGN'] as const)
        expect(isActionAllowed(state(status), action)).toBe(true);
    }
  });

  it('only knows real action types', () => {
    for (const status of EVENT_STATUSES) {
      for (const action of allowedActions(state(status))) expect(ACTION_TYPES).toContain(action);
    }
  });
});

describe('allowedActions: flags', () => {
  it('potential-duplicate blocks DECLARE, VALIDATE and REGISTER', () => {
    for (const status of ['CREATED', 'NOTIFIED', 'DECLARED'] as const) {
      expect(isActionAllowed(state(status, 'potential-duplicate'), 'REGISTER')).toBe(false);
      expect(isActionAllowed(state(status, 'potential-duplicate'), 'VALIDATE')).toBe(false);
      expect(isActionAllowed(state(status, 'potential-duplicate'), 'DECLARE')).toBe(false);
    }
  });

  it('potential-duplicate allows MARK_AS_DUPLICATE and MARK_AS_NOT_DUPLICATE', () => {
    expect(isActionAllowed(state('DECLARED', 'potential-duplicate'), 'MARK_AS_NOT_DUPLICATE')).toBe(true);
    expect(isActionAllowed(state('DECLARED', 'potential-duplicate'), 'MARK_AS_DUPLICATE')).toBe(true);
  });

  it('potential-duplicate still allows REJECT and ARCHIVE', () => {
    expect(isActionAllowed(state('DECLARED', 'potential-duplicate'), 'REJECT')).toBe(true);
    expect(isActionAllowed(state('DECLARED', 'potential-duplicate'), 'ARCHIVE')).toBe(true);
  });

  it('rejected allows DECLARE again (on a declared record) and blocks a second REJECT', () => {
    expect(isActionAllowed(state('DECLARED'), 'DECLARE')).toBe(false);
    expect(isActionAllowed(state('DECLARED', 'rejected'), 'DECLARE')).toBe(true);
    expect(isActionAllowed(state('DECLARED', 'rejected'), 'REJECT')).toBe(false);
    expect(isActionAllowed(state('NOTIFIED', 'rejected'), 'REJECT')).toBe(false);
  });

  it('a block wins over an allow from another flag', () => {
    // rejected allows DECLARE, potential-duplicate blocks it.
    expect(isActionAllowed(state('DECLARED', 'potential-duplicate', 'rejected'), 'DECLARE')).toBe(false);
  });

  it('validated blocks VALIDATE but not REGISTER', () => {
    expect(isActionAllowed(state('DECLARED', 'validated'), 'VALIDATE')).toBe(false);
    expect(isActionAllowed(state('DECLARED', 'validated'), 'REGISTER')).toBe(true);
  });

  it('correction-requested blocks PRINT_CERTIFICATE and another request', () => {
    expect(isActionAllowed(state('REGISTERED', 'correction-requested'), 'PRINT_CERTIFICATE')).toBe(false);
    expect(isActionAllowed(state('REGISTERED', 'correction-requested'), 'REQUEST_CORRECTION')).toBe(false);
  });

  it('correction-requested allows approving or rejecting the correction', () => {
    expect(isActionAllowed(state('REGISTERED', 'correction-requested'), 'APPROVE_CORRECTION')).toBe(true);
    expect(isActionAllowed(state('REGISTERED', 'correction-requested'), 'REJECT_CORRECTION')).toBe(true);
  });

  it('printed allows handing over (ISSUE) and printing again', () => {
    expect(allowed('REGISTERED', 'printed')).toEqual(sorted([...allowed('REGISTERED'), 'ISSUE_CERTIFICATE']));
    expect(isActionAllowed(state('REGISTERED', 'printed'), 'PRINT_CERTIFICATE')).toBe(true);
    expect(isActionAllowed(state('REGISTERED'), 'ISSUE_CERTIFICATE')).toBe(false);
  });

  it('does not change the shared status table', () => {
    allowedActions(state('DECLARED', 'potential-duplicate', 'rejected'));
    expect(allowed('DECLARED')).toEqual(
      sorted(['VALIDATE', 'REGISTER', 'REJECT', 'ARCHIVE', 'ASSIGN', 'UNASSIGN', 'READ']),
    );
  });
});

describe('actionSteps', () => {
  it('REGISTER on CREATED declares, validates, then registers', () => {
    expect(actionSteps(state('CREATED'), 'REGISTER')).toEqual(['DECLARE', 'VALIDATE', 'REGISTER']);
  });

  it('REGISTER on NOTIFIED declares, validates, then registers', () => {
    expect(actionSteps(state('NOTIFIED'), 'REGISTER')).toEqual(['DECLARE', 'VALIDATE', 'REGISTER']);
  });

  it('REGISTER on DECLARED validates then registers', () => {
    expect(actionSteps(state('DECLARED'), 'REGISTER')).toEqual(['VALIDATE', 'REGISTER']);
  });

  it('REGISTER on DECLARED and validated only registers', () => {
    expect(actionSteps(state('DECLARED', 'validated'), 'REGISTER')).toEqual(['REGISTER']);
  });

  it('VALIDATE on CREATED or NOTIFIED declares then validates', () => {
    expect(actionSteps(state('CREATED'), 'VALIDATE')).toEqual(['DECLARE', 'VALIDATE']);
    expect(actionSteps(state('NOTIFIED'), 'VALIDATE')).toEqual(['DECLARE', 'VALIDATE']);
  });

  it('VALIDATE on DECLARED is one step', () => {
    expect(actionSteps(state('DECLARED'), 'VALIDATE')).toEqual(['VALIDATE']);
  });

  it('other actions are one step', () => {
    expect(actionSteps(state('CREATED'), 'DECLARE')).toEqual(['DECLARE']);
    expect(actionSteps(state('CREATED'), 'NOTIFY')).toEqual(['NOTIFY']);
    expect(actionSteps(state('REGISTERED'), 'PRINT_CERTIFICATE')).toEqual(['PRINT_CERTIFICATE']);
  });
});

describe('displayStatus', () => {
  it('CREATED and NOTIFIED are in progress', () => {
    expect(displayStatus(state('CREATED'))).toBe('IN_PROGRESS');
    expect(displayStatus(state('NOTIFIED'))).toBe('IN_PROGRESS');
  });

  it('rejected before registration requires updates', () => {
    expect(displayStatus(state('NOTIFIED', 'rejected'))).toBe('REQUIRES_UPDATES');
    expect(displayStatus(state('CREATED', 'rejected'))).toBe('REQUIRES_UPDATES');
    expect(displayStatus(state('DECLARED', 'rejected'))).toBe('REQUIRES_UPDATES');
  });

  it('DECLARED is declared, or validated with the flag', () => {
    expect(displayStatus(state('DECLARED'))).toBe('DECLARED');
    expect(displayStatus(state('DECLARED', 'validated'))).toBe('VALIDATED');
    expect(displayStatus(state('DECLARED', 'registration-requested', 'validated'))).toBe('REGISTRATION_REQUESTED');
    // Waiting for the national ID system: staff can only look and assign.
    expect([...allowedActions(state('DECLARED', 'registration-requested', 'validated'))].sort()).toEqual([
      'ASSIGN',
      'READ',
      'UNASSIGN',
    ]);
  });

  it('rejected wins over validated', () => {
    expect(displayStatus(state('DECLARED', 'rejected', 'validated'))).toBe('REQUIRES_UPDATES');
  });

  it('a potential duplicate keeps its underlying word', () => {
    expect(displayStatus(state('DECLARED', 'potential-duplicate'))).toBe('DECLARED');
  });

  it('REGISTERED is registered, or certified once printed', () => {
    expect(displayStatus(state('REGISTERED'))).toBe('REGISTERED');
    expect(displayStatus(state('REGISTERED', 'printed'))).toBe('CERTIFIED');
    expect(displayStatus(state('REGISTERED', 'printed', 'issued'))).toBe('ISSUED');
    expect(displayStatus(state('REGISTERED', 'correction-requested'))).toBe('CORRECTION_REQUESTED');
    expect(displayStatus(state('REGISTERED', 'printed', 'revoked'))).toBe('REVOKED');
  });

  it('ARCHIVED is archived', () => {
    expect(displayStatus(state('ARCHIVED'))).toBe('ARCHIVED');
  });
});

describe('blockingFlag', () => {
  it('names the flag that takes an action away, not a step the action would expand into', () => {
    const flagged = { status: 'DECLARED' as const, flags: ['potential-duplicate' as const] };
    expect(blockingFlag(flagged, 'REGISTER')).toBe('potential-duplicate');
    expect(blockingFlag({ status: 'REGISTERED', flags: ['revoked'] }, 'PRINT_CERTIFICATE')).toBe('revoked');
    expect(blockingFlag({ status: 'REGISTERED', flags: [] }, 'PRINT_CERTIFICATE')).toBeNull();
    // Not allowed by the status at all: no flag is to blame.
    expect(blockingFlag({ status: 'ARCHIVED', flags: [] }, 'REGISTER')).toBeNull();
  });
});
