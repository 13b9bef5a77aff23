import { describe, expect, it } from 'vitest';
import { WRITE_ACTIONS, type Action, type ActionType } from './actions.ts';
import { applyAction, deriveState, mergeDeclaration, type EventState } from './state.ts';

let counter = 0;
/** An accepted action by user "u1" at office "office-1", at a time one minute after the previous one. */
function action(type: ActionType, extra: Partial<Action> = {}): Action {
  counter += 1;
  return {
    id: `a${counter}`,
    type,
    status: 'Accepted',
    transactionId: `tx${counter}`,
    createdBy: 'u1',
    createdByRole: 'REGISTRAR',
    createdAtLocation: 'office-1',
    createdAt: new Date(Date.UTC(2026, 0, 1, 8, counter)).toISOString(),
    declaration: null,
    annotation: null,
    content: null,
    registrationNumber: null,
    ...extra,
  };
}

const created = (extra: Partial<Action> = {}) => applyAction(null, action('CREATE', extra));
/** Apply actions in order to a state. */
const apply = (state: EventState, ...actions: Action[]) => actions.reduce(applyAction, state);
const declared = () => apply(created(), action('DECLARE', { declaration: { 'child.dob': '2026-01-01' } }));
const registered = () =>
  apply(declared(), action('VALIDATE'), action('REGISTER', { registrationNumber: 'B2026000001' }));

describe('applyAction: CREATE', () => {
  it('starts a record in CREATED, assigned to its creator, with nothing declared', () => {
    const a = action('CREATE', { createdBy: 'clerk', createdAtLocation: 'office-9' });
    expect(applyAction(null, a)).toEqual({
      status: 'CREATED',
      flags: [],
      declaration: {},
      assignedTo: 'clerk',
      registrationNumber: null,
      createdBy: 'clerk',
      createdAtLocation: 'office-9',
      createdAt: a.createdAt,
      updatedAt: a.createdAt,
      declaredAt: null,
      registeredAt: null,
      registeredAtLocation: null,
      createdByUserType: 'user',
      updatedBy: 'clerk',
      updatedByRole: a.createdByRole,
      updatedAtLocation: 'office-9',
      legalStatuses: { DECLARED: null, REGISTERED: null },
      deleted: false,
    });
  });

  it('refuses any other first action', () => {
    expect(() => applyAction(null, action('DECLARE'))).toThrow('a record must start with CREATE, not DECLARE');
    expect(() => deriveState([action('READ'), action('CREATE')])).toThrow(/must start with CREATE/);
  });
});

describe('applyAction: status changes', () => {
  it('NOTIFY moves to NOTIFIED and records when it was first declared', () => {
    const notify = action('NOTIFY');
    const s = apply(created(), notify);
    expect(s.status).toBe('NOTIFIED');
    expect(s.declaredAt).toBe(notify.createdAt);
  });

  it('DECLARE moves to DECLARED and keeps the first declaredAt (of NOTIFY)', () => {
    const notify = action('NOTIFY');
    const s = apply(created(), notify, action('DECLARE'));
    expect(s.status).toBe('DECLARED');
    expect(s.declaredAt).toBe(notify.createdAt);
  });

  it('DECLARE removes the rejected flag', () => {
    const s = apply(declared(), action('REJECT'), action('DECLARE'));
    expect(s.flags).toEqual([]);
  });

  it('VALIDATE moves to DECLARED, adds validated and removes rejected', () => {
    const validate = action('VALIDATE');
    const s = apply(created(), action('NOTIFY'), action('REJECT'), validate);
    expect(s.status).toBe('DECLARED');
    expect(s.flags).toEqual(['validated']);
  });

  it('VALIDATE straight from CREATED sets declaredAt', () => {
    const validate = action('VALIDATE');
    expect(apply(created(), validate).declaredAt).toBe(validate.createdAt);
  });

  it('an accepted REGISTER sets the number, time and place, and clears validated/rejected', () => {
    const register = action('REGISTER', { registrationNumber: 'B2026000001', createdAtLocation: 'office-2' });
    const s = apply(declared(), action('VALIDATE'), register);
    expect(s.status).toBe('REGISTERED');
    expect(s.registrationNumber).toBe('B2026000001');
    expect(s.registeredAt).toBe(register.createdAt);
    expect(s.registeredAtLocation).toBe('office-2');
    expect(s.flags).toEqual([]);
  });

  it('a requested REGISTER (awaiting an outside system) does not register yet', () => {
    const before = apply(declared(), action('VALIDATE'));
    const s = apply(before, action('REGISTER', { status: 'Requested', registrationNumber: 'B2026000001' }));
    expect(s.status).toBe('DECLARED');
    expect(s.registrationNumber).toBeNull();
    expect(s.registeredAt).toBeNull();
    expect(s.flags).toEqual(['registration-requested', 'validated']);
  });

  it('a confirmed REGISTER registers and clears the waiting flag; a refused one sends the record back', () => {
    const waiting = apply(declared(), action('VALIDATE'), action('REGISTER', { status: 'Requested' }));
    const confirmed = applyAction(waiting, action('REGISTER', { registrationNumber: 'B2026000001' }));
    expect([confirmed.status, confirmed.flags, confirmed.registrationNumber]).toEqual([
      'REGISTERED',
      [],
      'B2026000001',
    ]);
    const refused = applyAction(
      waiting,
      action('REGISTER', { status: 'Rejected', content: { reason: 'unknown mother' }, registrationNumber: 'B1' }),
    );
    expect([refused.status, refused.flags, refused.registrationNumber]).toEqual(['DECLARED', ['rejected'], null]);
  });

  it('REJECT keeps the status, adds rejected and removes validated', () => {
    const s = apply(declared(), action('VALIDATE'), action('REJECT', { content: { reason: 'blurry scan' } }));
    expect(s.status).toBe('DECLARED');
    expect(s.flags).toEqual(['rejected']);
  });

  it('ARCHIVE moves to ARCHIVED and clears every flag', () => {
    const s = apply(declared(), action('DUPLICATE_DETECTED'), action('REJECT'), action('ARCHIVE'));
    expect(s.status).toBe('ARCHIVED');
    expect(s.flags).toEqual([]);
  });

  it('DELETE marks the record deleted without changing its status', () => {
    const s = apply(created(), action('DELETE'));
    expect(s.deleted).toBe(true);
    expect(s.status).toBe('CREATED');
  });

  it('READ changes only updatedAt', () => {
    const before = declared();
    const read = action('READ');
    expect(applyAction(before, read)).toEqual({ ...before, updatedAt: read.createdAt });
  });
});

describe('applyAction: flags', () => {
  it('DUPLICATE_DETECTED adds potential-duplicate', () => {
    expect(apply(declared(), action('DUPLICATE_DETECTED')).flags).toEqual(['potential-duplicate']);
  });

  it('MARK_AS_DUPLICATE and MARK_AS_NOT_DUPLICATE remove potential-duplicate', () => {
    const flagged = apply(declared(), action('DUPLICATE_DETECTED'));
    expect(apply(flagged, action('MARK_AS_NOT_DUPLICATE')).flags).toEqual([]);
    expect(apply(flagged, action('MARK_AS_DUPLICATE')).flags).toEqual([]);
  });

  it('PRINT_CERTIFICATE adds printed and issued (handed over at once), once', () => {
    const s = apply(registered(), action('PRINT_CERTIFICATE'), action('PRINT_CERTIFICATE'));
    expect(s.flags).toEqual(['issued', 'printed']);
  });

  it('PRINT_CERTIFICATE in advance leaves the handing over to ISSUE_CERTIFICATE', () => {
    const printed = apply(registered(), action('PRINT_CERTIFICATE', { annotation: { printInAdvance: true } }));
    expect(printed.flags).toEqual(['printed']);
    expect(apply(printed, action('ISSUE_CERTIFICATE')).flags).toEqual(['issued', 'printed']);
  });

  it('REVOKE adds revoked and REINSTATE removes it', () => {
    const revoked = apply(registered(), action('REVOKE'));
    expect(revoked.flags).toEqual(['revoked']);
    expect(apply(revoked, action('REINSTATE')).flags).toEqual([]);
  });

  it('a correction request does not change the declaration; its approval does', () => {
    const base = apply(registered(), action('DECLARE', { declaration: { 'child.gender': 'male' } }));
    const requested = apply(base, action('REQUEST_CORRECTION', { declaration: { 'child.gender': 'female' } }));
    expect(requested.declaration['child.gender']).toBe('male');
    const approved = apply(requested, action('APPROVE_CORRECTION', { declaration: { 'child.gender': 'female' } }));
    expect(approved.declaration['child.gender']).toBe('female');
  });

  it('REQUEST_CORRECTION adds correction-requested; approving or rejecting removes it', () => {
    const requested = apply(registered(), action('PRINT_CERTIFICATE'), action('REQUEST_CORRECTION'));
    expect(requested.flags).toEqual(['correction-requested', 'issued', 'printed']);
    expect(apply(requested, action('APPROVE_CORRECTION')).flags).toEqual(['issued', 'printed']);
    expect(apply(requested, action('REJECT_CORRECTION')).flags).toEqual(['issued', 'printed']);
  });

  it('keeps flags sorted and without repeats', () => {
    const s = apply(declared(), action('VALIDATE'), action('DUPLICATE_DETECTED'), action('DUPLICATE_DETECTED'));
    expect(s.flags).toEqual(['potential-duplicate', 'validated']);
  });
});

describe('applyAction: declaration', () => {
  it('merges the changed answers into the declaration', () => {
    const s = apply(
      created(),
      action('NOTIFY', { declaration: { 'child.dob': '2026-01-01', 'child.gender': 'male' } }),
      action('DECLARE', { declaration: { 'child.gender': 'female', 'child.weight': 3.1 } }),
    );
    expect(s.declaration).toEqual({ 'child.dob': '2026-01-01', 'child.gender': 'female', 'child.weight': 3.1 });
  });

  it('removes an answer given as null', () => {
    const s = apply(
      created(),
      action('NOTIFY', { declaration: { 'child.dob': '2026-01-01', 'child.gender': 'male' } }),
      action('DECLARE', { declaration: { 'child.gender': null } }),
    );
    expect(s.declaration).toEqual({ 'child.dob': '2026-01-01' });
  });

  it('keeps the declaration when the action changes none', () => {
    const before = declared();
    expect(apply(before, action('VALIDATE', { declaration: null })).declaration).toEqual(before.declaration);
  });

  it('does not modify the previous state', () => {
    const before = declared();
    const snapshot = structuredClone(before);
    apply(before, action('VALIDATE', { declaration: { 'child.dob': null, 'child.weight': 3 } }), action('REJECT'));
    expect(before).toEqual(snapshot);
  });
});

describe('mergeDeclaration', () => {
  it('returns the current answers for an empty patch', () => {
    const current = { a: 1 };
    expect(mergeDeclaration(current, null)).toBe(current);
    expect(mergeDeclaration(current, undefined)).toBe(current);
  });

  it('adds, replaces and removes answers without mutating the input', () => {
    const current = { a: 1, b: 2, c: 3 };
    expect(mergeDeclaration(current, { a: 10, b: null, d: 4 })).toEqual({ a: 10, c: 3, d: 4 });
    expect(current).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('keeps falsy answers that are not null', () => {
    expect(mergeDeclaration({}, { a: false, b: 0, c: '' })).toEqual({ a: false, b: 0, c: '' });
  });
});

describe('applyAction: assignment', () => {
  it('ASSIGN assigns the record to the actor', () => {
    const s = apply(created(), action('UNASSIGN'), action('ASSIGN', { createdBy: 'u2' }));
    expect(s.assignedTo).toBe('u2');
  });

  it('ASSIGN may name someone else in its content', () => {
    const s = apply(created(), action('ASSIGN', { createdBy: 'lead', content: { assignedTo: 'u3' } }));
    expect(s.assignedTo).toBe('u3');
  });

  it('UNASSIGN releases the record', () => {
    expect(apply(created(), action('UNASSIGN')).assignedTo).toBeNull();
  });

  it('every write action releases the assignment', () => {
    for (const type of WRITE_ACTIONS) {
      const s = apply(created(), action('ASSIGN', { createdBy: 'u2' }), action(type));
      expect(s.assignedTo, type).toBeNull();
    }
  });

  it('READ, DELETE and DUPLICATE_DETECTED keep the assignment', () => {
    for (const type of ['READ', 'DELETE', 'DUPLICATE_DETECTED'] as const) {
      const s = apply(created(), action('ASSIGN', { createdBy: 'u2' }), action(type));
      expect(s.assignedTo, type).toBe('u2');
    }
  });
});

describe('applyAction: Rejected actions', () => {
  it('change nothing but updatedAt (but a refused registration, above)', () => {
    const before = apply(declared(), action('ASSIGN', { createdBy: 'u2' }));
    for (const type of ['DECLARE', 'VALIDATE', 'REJECT', 'ARCHIVE', 'UNASSIGN', 'DELETE'] as const) {
      const rejected = action(type, {
        status: 'Rejected',
        declaration: { 'child.dob': null, 'child.weight': 9 },
        registrationNumber: 'B2026000009',
      });
      expect(applyAction(before, rejected), type).toEqual({ ...before, updatedAt: rejected.createdAt });
    }
  });
});

describe('deriveState', () => {
  it('is null for an empty history', () => {
    expect(deriveState([])).toBeNull();
  });

  it('equals applying the same actions one by one', () => {
    const history = [
      action('CREATE'),
      action('NOTIFY', { declaration: { 'child.dob': '2026-01-01' } }),
      action('ASSIGN', { createdBy: 'u2' }),
      action('DECLARE', { declaration: { 'child.gender': 'male' } }),
      action('DUPLICATE_DETECTED'),
      action('MARK_AS_NOT_DUPLICATE'),
      action('REJECT'),
      action('DECLARE', { declaration: { 'child.gender': 'female' } }),
      action('VALIDATE'),
      action('REGISTER', { status: 'Rejected' }),
      action('REGISTER', { registrationNumber: 'B2026000042' }),
      action('PRINT_CERTIFICATE'),
      action('READ'),
    ];
    let stepByStep: EventState | null = null;
    for (const a of history) stepByStep = applyAction(stepByStep, a);
    const derived = deriveState(history);
    expect(derived).toEqual(stepByStep);
    expect(derived).toMatchObject({
      status: 'REGISTERED',
      flags: ['issued', 'printed'],
      declaration: { 'child.dob': '2026-01-01', 'child.gender': 'female' },
      registrationNumber: 'B2026000042',
      assignedTo: null,
      updatedAt: history[history.length - 1].createdAt,
    });
  });

  it('is the same every time it replays the same history', () => {
    const history = [action('CREATE'), action('DECLARE', { declaration: { a: 1 } }), action('VALIDATE')];
    expect(deriveState(history)).toEqual(deriveState(history));
  });
});

describe('applyAction: the facts the reference searches on', () => {
  it('keeps who declared and who registered the record, and who last changed it, from where', () => {
    const create = action('CREATE', { createdByRole: 'client:HEALTH_SYSTEM', createdBy: 'hmis' });
    const declare = action('DECLARE', {
      createdBy: 'agent',
      createdByRole: 'REGISTRATION_AGENT',
      createdAtLocation: 'o1',
    });
    const redeclare = action('DECLARE', { createdBy: 'other', createdAtLocation: 'o2' });
    const register = action('REGISTER', { createdBy: 'reg', createdAtLocation: 'o3', registrationNumber: 'B1' });
    const read = action('READ', { createdBy: 'reader', createdAtLocation: 'o9' });
    const s = apply(applyAction(null, create), declare, redeclare, register, read);
    expect(s.createdByUserType).toBe('system');
    expect(s.legalStatuses.DECLARED).toEqual({
      createdAt: declare.createdAt,
      acceptedAt: declare.createdAt,
      createdBy: 'agent',
      createdByRole: 'REGISTRATION_AGENT',
      createdByUserType: 'user',
      createdAtLocation: 'o1',
    });
    expect(s.legalStatuses.REGISTERED).toMatchObject({
      createdBy: 'reg',
      createdAtLocation: 'o3',
      registrationNumber: 'B1',
    });
    // A read changes nothing: the last change is the registration.
    expect([s.updatedBy, s.updatedAtLocation]).toEqual(['reg', 'o3']);
  });
});
