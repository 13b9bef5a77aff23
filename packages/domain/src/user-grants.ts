import { type Jurisdiction, type Scope, type ScopeName } from './scopes.ts';

/**
 * Scopes that are power over the system itself (its users, configuration, integrations, the register as a whole).
 * Nobody may give a role carrying one of these unless they hold it themselves, at least as widely: a local
 * administrator cannot make a national administrator, nor an administrator who may change the config.
 *
 * The other scopes (record work, statistics, signing) are the work staff do, which administrators manage but do
 * not perform: granting them is bounded by jurisdiction instead (see `roleGrantProblem`).
 */
export const PRIVILEGED_SCOPES: readonly ScopeName[] = [
  'user.create',
  'user.edit',
  'user.read',
  'user.search',
  'config.update-all',
  'integration.create',
  'record.import',
  'record.reindex',
];

const RANK: Record<Jurisdiction, number> = { office: 0, area: 1, all: 2 };

export const widerOrEqual = (a: Jurisdiction, b: Jurisdiction) => RANK[a] >= RANK[b];

/** Whether `held` covers `wanted`: the same scope, every event type of it, at least as wide a jurisdiction. */
function covers(held: readonly Scope[], wanted: Scope): boolean {
  return held.some(
    (h) =>
      h.name === wanted.name &&
      widerOrEqual(h.jurisdiction, wanted.jurisdiction) &&
      (h.events === null || (wanted.events !== null && wanted.events.every((e) => h.events!.includes(e)))),
  );
}

/**
 * Why someone holding `granter` scopes, whose `user.create`/`user.edit` reach is `reach`, may not give a role
 * with `role` scopes; null when they may.
 * - every privileged scope of the role must be held by the granter, at least as widely (no escalation);
 * - no scope of the role may reach further than the granter's own reach (a local administrator cannot make a
 *   national registrar, whose work covers the whole country).
 */
export function roleGrantProblem(
  granter: readonly Scope[],
  reach: Jurisdiction,
  role: readonly Scope[],
): string | null {
  for (const scope of role) {
    if (PRIVILEGED_SCOPES.includes(scope.name) && !covers(granter, scope)) {
      return `the role carries ${scope.name} (${scope.jurisdiction}), which you do not hold as widely yourself`;
    }
    if (!widerOrEqual(reach, scope.jurisdiction)) {
      return `the role's ${scope.name} reaches ${scope.jurisdiction === 'all' ? 'the whole country' : `a whole ${scope.jurisdiction}`}, beyond your own reach (${reach})`;
    }
  }
  return null;
}
