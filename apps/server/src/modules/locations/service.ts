import { grantedJurisdiction, type Location } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import * as repo from './repository.ts';

export { findLocation, searchLocations, type LocationSearch } from './repository.ts';

/** The scope that lets a caller (a national administrator, or later a system client) create and change locations. */
export const LOCATION_ADMIN_SCOPE = 'config.update-all';

/** Refuse (403) a caller who may not write locations anywhere: checked before the request's body is even read. */
export function requireLocationScope(user: AuthUser) {
  const jurisdiction = grantedJurisdiction(user.scopes, LOCATION_ADMIN_SCOPE);
  if (!jurisdiction) throw forbidden(`creating and changing locations needs the ${LOCATION_ADMIN_SCOPE} scope`);
  return jurisdiction;
}

/**
 * A location may be written by a holder of config.update-all: everywhere with jurisdiction "all", else only under
 * the administrative area of the caller's office.
 */
function requireLocationAdmin(ctx: AppContext, user: AuthUser, location: Location) {
  const jurisdiction = requireLocationScope(user);
  if (jurisdiction === 'all') return;
  const area = ctx.country.locations.areaOf(user.primaryOfficeId);
  const anchor = location.parentId ?? location.id;
  if (!area || !ctx.country.locations.isWithin(anchor, area)) {
    throw forbidden('this location is outside the area you administer');
  }
}

/** Create a location (already checked for shape); audited in the same transaction; 409 when the id is taken. */
export async function createLocation(ctx: AppContext, user: AuthUser, location: Location): Promise<Location> {
  requireLocationAdmin(ctx, user, location);
  const tree = ctx.country.locations;
  if (location.parentId && tree.get(location.parentId)?.type !== 'ADMIN_AREA') {
    throw badRequest('the parent must be an administrative area', [{ field: 'partOf', message: 'not an area' }]);
  }
  if (tree.get(location.id)) throw conflict(`a location with id "${location.id}" exists`);
  const path = `${location.parentId ? tree.pathString(location.parentId) : '/'}${location.id}/`;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.insertLocation(trx, { location, path })))
      throw conflict(`a location with id "${location.id}" exists`);
    await appendAudit(trx, {
      stream: `location:${location.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'location.CREATE',
      subjectType: 'location',
      subjectId: location.id,
      details: { name: location.name, type: location.type, parentId: location.parentId },
    });
  });
  tree.upsert(location);
  return location;
}

/** Rename a location; its type and place in the hierarchy stay (records and jurisdictions rely on them). */
export async function renameLocation(ctx: AppContext, user: AuthUser, id: string, name: string): Promise<Location> {
  const current = ctx.country.locations.get(id);
  if (!current) throw notFound(`no location "${id}"`);
  requireLocationAdmin(ctx, user, current);
  const renamed = await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockLocation(trx, id);
    if (!locked) throw notFound(`no location "${id}"`);
    if (locked.name !== name) {
      await repo.renameLocation(trx, id, name);
      await appendAudit(trx, {
        stream: `location:${id}`,
        actorId: user.id,
        actorRole: user.role,
        action: 'location.UPDATE',
        subjectType: 'location',
        subjectId: id,
        details: { name: { from: locked.name, to: name } },
      });
    }
    return { ...locked, name };
  });
  ctx.country.locations.upsert(renamed);
  return renamed;
}
