import { createHash } from 'node:crypto';
import type { CountryConfig, EventConfig } from '@lifeline/domain';
import type { AuthUser } from '../auth/types.ts';

/** Record scopes about running the register, not about the records' content. */
const ADMINISTRATIVE = new Set(['record.reindex', 'record.import']);

/** Event types the user's role works on: a record scope covering the type. */
function worksOn(user: AuthUser, event: EventConfig): boolean {
  return user.scopes.some(
    (s) => s.name.startsWith('record.') && !ADMINISTRATIVE.has(s.name) && (!s.events || s.events.includes(event.id)),
  );
}

/** Event types the user may import legacy registers of (record.import covering the type): names only, no forms. */
function importable(config: CountryConfig, user: AuthUser) {
  return config.events
    .filter((event) =>
      user.scopes.some((s) => s.name === 'record.import' && (!s.events || s.events.includes(event.id))),
    )
    .map((event) => ({ id: event.id, label: event.label }));
}

/**
 * What a signed-in client needs of the country config, and no more: the forms of the event types the role works
 * on, and every role's label (to say who did what) without their scopes.
 */
export function configForRole(
  config: CountryConfig,
  user: AuthUser,
  options: { training: boolean; identityProvider?: boolean },
) {
  return {
    settings: config.settings,
    events: config.events.filter((event) => worksOn(user, event)),
    importable: importable(config, user),
    roles: config.roles.map((role) => ({ id: role.id, label: role.label })),
    role: user.role,
    training: options.training,
    identityProvider: options.identityProvider ?? false,
    statistics: Object.fromEntries(
      Object.entries(config.vitalStatistics?.events ?? {}).map(([id, s]) => [
        id,
        { sexField: s.sexField, placeOfOccurrenceField: s.placeOfOccurrence.field },
      ]),
    ),
  };
}

/** A strong ETag of a JSON body: clients revalidate (304, no body) instead of downloading the forms again. */
export function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (a list, weak forms, or *). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
