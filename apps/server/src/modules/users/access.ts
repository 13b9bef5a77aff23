import { grantedJurisdiction, roleGrantProblem, type Jurisdiction, type ScopeName } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { badRequest, forbidden, HttpError } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';

/**
 * Which offices a scope of the user reaches: `all` everywhere; `area` offices within the area of the user's
 * office (a national office sits in no area, so only itself); `office` their own office. Null: not granted.
 */
export interface Reach {
  jurisdiction: Jurisdiction;
  /** The area for `area`; null when the reach is the user's own office only. */
  areaId: string | null;
  officeId: string;
}

export function reachOf(country: Country, user: AuthUser, ...names: ScopeName[]): Reach | null {
  let best: Jurisdiction | null = null;
  for (const name of names) {
    const j = grantedJurisdiction(user.scopes, name);
    if (j && (!best || rank(j) > rank(best))) best = j;
  }
  if (!best) return null;
  return {
    jurisdiction: best,
    areaId: best === 'area' ? country.locations.areaOf(user.primaryOfficeId) : null,
    officeId: user.primaryOfficeId,
  };
}

const rank = (j: Jurisdiction) => ({ office: 0, area: 1, all: 2 })[j];

export function officeInReach(country: Country, reach: Reach, officeId: string): boolean {
  if (reach.jurisdiction === 'all') return true;
  if (officeId === reach.officeId) return true;
  return reach.jurisdiction === 'area' && !!reach.areaId && country.locations.isWithin(officeId, reach.areaId);
}

/** The reach of user.read / user.search, or 403. */
export function requireReadReach(country: Country, user: AuthUser): Reach {
  const reach = reachOf(country, user, 'user.read', 'user.search');
  if (!reach) throw forbidden(`your role (${user.role}) cannot see other users (user.read)`);
  return reach;
}

/** Why `user` may not give `role` at `officeId`, or null when they may (see roleGrantProblem in the domain). */
export function grantProblem(country: Country, user: AuthUser, reach: Reach, role: string): string | null {
  const target = country.roles.get(role);
  if (!target) return `no role "${role}" in the country config`;
  return roleGrantProblem(user.scopes, reach.jurisdiction, target.scopes);
}

/** The roles `user` may give (with `scope`: user.create for new users, user.edit for changes). */
export function grantableRoles(country: Country, user: AuthUser, scope: 'user.create' | 'user.edit'): string[] {
  const reach = reachOf(country, user, scope);
  if (!reach) return [];
  return [...country.roles.keys()].filter((role) => grantProblem(country, user, reach, role) === null);
}

/**
 * 403 unless `user` holds `scope` over `officeId`. With `role`, also 400 naming the field when they may not give
 * that role (role escalation, or a role reaching beyond them).
 */
export function requireManage(
  country: Country,
  user: AuthUser,
  scope: 'user.create' | 'user.edit',
  officeId: string,
  role?: { field: string; id: string },
): Reach {
  const reach = reachOf(country, user, scope);
  if (!reach)
    throw forbidden(
      `your role (${user.role}) cannot ${scope === 'user.create' ? 'create' : 'change'} users (${scope})`,
    );
  if (!officeInReach(country, reach, officeId)) {
    throw forbidden(`office ${officeId} is outside your jurisdiction (${scope}: ${reach.jurisdiction})`);
  }
  if (role) {
    const problem = grantProblem(country, user, reach, role.id);
    if (problem) {
      const errors = [{ field: role.field, message: problem }];
      // An unknown role is a mistake (400); a real role beyond the caller is a refusal (403).
      if (!country.roles.has(role.id)) throw badRequest(`no role "${role.id}"`, errors);
      throw new HttpError(403, 'Forbidden', `you cannot give the role ${role.id}: ${problem}`, errors);
    }
  }
  return reach;
}
