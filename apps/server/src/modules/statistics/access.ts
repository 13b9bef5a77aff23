import { grantedJurisdiction, type ScopeName } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { badRequest, forbidden } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { inJurisdiction } from '../events/authorize.ts';

/**
 * What a statistics request counts, after the caller's jurisdiction: events that took place in `areaId` (null: the
 * whole country), registered at `officeId` when the caller's scope reaches their own office only.
 */
export interface StatisticsFilter {
  eventType: string;
  areaId: string | null;
  /** The level of `areaId` (0 for the country). */
  level: number;
  officeId: string | null;
}

/**
 * The one access rule of statistics (every route and export goes through it): the caller needs `scope` for the
 * event type; with `all` any area may be asked for; with `area` only areas inside their office's area (the
 * default area when none is asked), as inJurisdiction judges a record whose event took place there; otherwise
 * (office jurisdiction, or a national office holding an area scope) the counts are limited to their own office.
 */
export function statisticsFilter(
  country: Country,
  user: AuthUser,
  scope: ScopeName,
  eventType: string,
  areaId: string | undefined,
  officeId?: string,
): StatisticsFilter {
  if (!country.events.has(eventType)) {
    const known = [...country.events.keys()].join(', ');
    throw badRequest(`unknown event type "${eventType}"`, [{ field: 'querystring.event', message: `one of ${known}` }]);
  }
  if (!country.config.vitalStatistics?.events[eventType]) {
    throw badRequest(`the country counts no ${eventType} statistics`, [
      { field: 'querystring.event', message: 'no statistics configured for this event type' },
    ]);
  }
  if (areaId !== undefined && country.locations.get(areaId)?.type !== 'ADMIN_AREA') {
    throw badRequest(`"${areaId}" is not an administrative area`, [
      { field: 'querystring.areaId', message: 'unknown administrative area' },
    ]);
  }
  const jurisdiction = grantedJurisdiction(user.scopes, scope, eventType);
  if (!jurisdiction) throw forbidden(`your role (${user.role}) does not have ${scope} for ${eventType}`);
  const home = jurisdiction === 'area' ? country.locations.areaOf(user.primaryOfficeId) : null;
  const byArea = jurisdiction === 'all' || home !== null;
  const area = areaId ?? (jurisdiction === 'all' ? null : home);
  if (byArea && area && !inJurisdiction(country, user, jurisdiction, { createdAtLocation: null, placeOfEvent: area })) {
    throw forbidden(`"${area}" is outside your jurisdiction for ${scope}`);
  }
  if (officeId !== undefined && country.locations.get(officeId)?.type !== 'CRVS_OFFICE') {
    throw badRequest(`"${officeId}" is not an office`, [{ field: 'querystring.officeId', message: 'unknown office' }]);
  }
  if (!byArea && officeId !== undefined && officeId !== user.primaryOfficeId) {
    throw forbidden(`your ${scope} covers your own office only`);
  }
  return {
    eventType,
    areaId: area,
    level: area ? (country.locations.get(area)?.level ?? 0) : 0,
    officeId: byArea ? (officeId ?? null) : user.primaryOfficeId,
  };
}
