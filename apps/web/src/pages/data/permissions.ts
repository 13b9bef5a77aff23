import { allowedActions, grantedJurisdiction, parseScope, type ActionType, type Flag, type EventStatus, type Scope, type ScopeName } from '@lifeline/domain';
import { useMemo } from 'react';
import { useMe } from '../../api/config.ts';

/** The scope each record action needs (the server checks it again, with jurisdiction). */
export const ACTION_SCOPE: Partial<Record<ActionType, ScopeName>> = {
  NOTIFY: 'record.notify',
  DECLARE: 'record.declare',
  VALIDATE: 'record.validate',
  REGISTER: 'record.register',
  REJECT: 'record.reject',
  ARCHIVE: 'record.archive',
  UNARCHIVE: 'record.archive',
  MARK_AS_DUPLICATE: 'record.review-duplicates',
  MARK_AS_NOT_DUPLICATE: 'record.review-duplicates',
  REQUEST_CORRECTION: 'record.request-correction',
  APPROVE_CORRECTION: 'record.correct',
  REJECT_CORRECTION: 'record.correct',
  REVOKE: 'record.revoke',
  REINSTATE: 'record.revoke',
};

export interface Permissions {
  /** Whether the user holds `name` for this event type (anywhere: the server judges jurisdiction). */
  has(name: ScopeName, eventType?: string): boolean;
  /** Whether an action is both allowed in the record's state and granted to the user. */
  can(action: ActionType, record: { type: string; status: EventStatus; flags: Flag[] }): boolean;
  /** Event types the user may start a declaration of. */
  canCreate(eventType: string): boolean;
}

export function permissionsOf(scopeTexts: readonly string[]): Permissions {
  const scopes: Scope[] = [];
  for (const text of scopeTexts) {
    try {
      scopes.push(parseScope(text));
    } catch {
      // A scope this client does not know grants nothing here.
    }
  }
  const has = (name: ScopeName, eventType?: string) => grantedJurisdiction(scopes, name, eventType) !== null;
  return {
    has,
    can(action, record) {
      if (!allowedActions(record).has(action)) return false;
      const scope = ACTION_SCOPE[action];
      return scope ? has(scope, record.type) : true;
    },
    canCreate: (eventType) =>
      (['record.create', 'record.notify', 'record.declare'] as const).some((s) => has(s, eventType)),
  };
}

/** The signed-in user's permissions; none while the profile loads. */
export function usePermissions(): Permissions {
  const me = useMe();
  return useMemo(() => permissionsOf(me.data?.scopes ?? []), [me.data]);
}
