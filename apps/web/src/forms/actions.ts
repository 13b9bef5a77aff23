import {
  actionSteps,
  grantedJurisdiction,
  isActionAllowed,
  parseScope,
  type EventState,
  type Scope,
  type ScopeName,
} from '@lifeline/domain';

/** The actions a declaration form can end with, from the least to the most a user can do. */
export const SUBMIT_ACTIONS = ['NOTIFY', 'DECLARE', 'VALIDATE', 'REGISTER'] as const;
export type SubmitAction = (typeof SUBMIT_ACTIONS)[number];

const SCOPE_OF: Record<SubmitAction, ScopeName> = {
  NOTIFY: 'record.notify',
  DECLARE: 'record.declare',
  VALIDATE: 'record.validate',
  REGISTER: 'record.register',
};

/** Parse the user's scope strings, skipping any this version does not know rather than failing the form. */
export function parseScopes(scopes: readonly string[]): Scope[] {
  return scopes.flatMap((s) => {
    try {
      return [parseScope(s)];
    } catch {
      return [];
    }
  });
}

export interface SubmitOptions {
  /** Sends the answers as they are, complete or not (NOTIFY). */
  incomplete?: SubmitAction;
  /** The furthest complete action the user may take: register, else validate, else declare. */
  complete?: SubmitAction;
}

/**
 * Which submit buttons to offer: the user's scopes for this event type, and what the record's state allows
 * (a new record is CREATED). Every step the server would run must be allowed, as the server checks each one.
 */
export function submitOptions(
  scopes: readonly Scope[],
  eventType: string,
  state: Pick<EventState, 'status' | 'flags'> = { status: 'CREATED', flags: [] },
): SubmitOptions {
  const can = (action: SubmitAction) => {
    if (grantedJurisdiction(scopes, SCOPE_OF[action], eventType) === null) return false;
    let current = state;
    for (const step of actionSteps(current, action)) {
      if (!isActionAllowed(current, step)) return false;
      // After DECLARE the record is DECLARED; later steps are judged on that.
      if (step === 'DECLARE') current = { status: 'DECLARED', flags: current.flags.filter((f) => f !== 'rejected') };
      if (step === 'VALIDATE') current = { ...current, flags: [...current.flags, 'validated'] };
    }
    return true;
  };
  const complete = (['REGISTER', 'VALIDATE', 'DECLARE'] as const).find(can);
  return { complete, incomplete: can('NOTIFY') ? 'NOTIFY' : undefined };
}
