import { grantedJurisdiction, type Jurisdiction, type ScopeName } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { forbidden } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';

/** Where a record belongs, for jurisdiction checks. */
export interface RecordPlace {
  createdAtLocation: string | null;
  placeOfEvent: string | null;
}

/** Whether a record lies inside a jurisdiction of this user. */
export function inJurisdiction(country: Country, user: AuthUser, jurisdiction: Jurisdiction, record: RecordPlace) {
  if (jurisdiction === 'all') return true;
  if (record.createdAtLocation === user.primaryOfficeId) return true;
  if (jurisdiction === 'office') return false;
  const area = country.locations.areaOf(user.primaryOfficeId);
  // National offices (HQ, embassies) sit in no area: an "area" scope there means the office itself.
  if (!area) return false;
  const within = (id: string | null) => !!id && country.locations.isWithin(id, area);
  return within(record.createdAtLocation) || within(record.placeOfEvent);
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
  const jurisdiction = grantedJurisdiction(user.scopes, scope, eventType);
  if (!jurisdiction) throw forbidden(`your role (${user.role}) does not have ${scope} for ${eventType} records`);
  if (record && !inJurisdiction(country, user, jurisdiction, record)) {
    throw forbidden(`this record is outside your jurisdiction for ${scope} (${jurisdiction})`);
  }
}

export function hasScope(user: AuthUser, scope: ScopeName, eventType: string): boolean {
  return grantedJurisdiction(user.scopes, scope, eventType) !== null;
}
