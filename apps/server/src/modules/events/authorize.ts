import type { Jurisdiction, ScopeName } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { requireScope as requireScopeAt } from '../access/authorize.ts';
import { holdsScope, reaches, type Reach } from '../access/rule.ts';
import type { AuthUser } from '../auth/types.ts';

/** Where a record belongs, for jurisdiction checks. */
export interface RecordPlace {
  createdAtLocation: string | null;
  placeOfEvent: string | null;
}

/** Whether a record lies inside a jurisdiction of this user (the access module's rule, for one jurisdiction). */
export function inJurisdiction(country: Country, user: AuthUser, jurisdiction: Jurisdiction, record: RecordPlace) {
  const area = country.locations.areaOf(user.primaryOfficeId);
  const reach: Reach =
    jurisdiction === 'all'
      ? { kind: 'everywhere' }
      : jurisdiction === 'office' || !area
        ? { kind: 'office', officeId: user.primaryOfficeId }
        : { kind: 'area', officeId: user.primaryOfficeId, areaId: area };
  return reaches(country, reach, record);
}

/**
 * Throw 403 unless the user holds `scope` for this event type, and (when a record is given) the record lies in
 * the scope's jurisdiction.
 */
export function requireScope(
  country: Country,
  user: AuthUser,
  scope: ScopeName,
  eventType: string,
  record?: RecordPlace,
): void {
  requireScopeAt(country, user, scope, eventType, record);
}

export function hasScope(user: AuthUser, scope: ScopeName, eventType: string): boolean {
  return holdsScope(user, scope, eventType);
}
