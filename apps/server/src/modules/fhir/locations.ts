import { fromFhirLocation, LOCATION_SEARCH_PARAMS, toFhirLocation, errorIssue, type FhirContext } from '@lifeline/fhir';
import type { Bundle, Location as FhirLocation } from 'fhir/r4';
import { randomBytes } from 'node:crypto';
import type { LocationType } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { AuthUser } from '../auth/types.ts';
import * as locations from '../locations/service.ts';
import { fhirOf } from './context.ts';
import { FhirIssues } from './errors.ts';

export type LocationQuery = Partial<
  Record<(typeof LOCATION_SEARCH_PARAMS)[number]['name'] | 'name:contains' | 'name:exact', string>
> & {
  _count: number;
  _offset: number;
};

const TYPES: readonly LocationType[] = ['ADMIN_AREA', 'CRVS_OFFICE', 'HEALTH_FACILITY'];

/** A token search value: `system|code` or `code`, several separated by commas. Values of another system match nothing. */
function tokens(value: string | undefined, system: string): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').flatMap((token) => {
    const bar = token.indexOf('|');
    if (bar < 0) return [token];
    return token.slice(0, bar) === system || bar === 0 ? [token.slice(bar + 1)] : [];
  });
}

function searchOf(fhir: FhirContext, q: LocationQuery): locations.LocationSearch | null {
  const typeSystem = `${fhir.mapping.baseUri}/CodeSystem/location-type`;
  const types = tokens(q.type, typeSystem);
  if (types && types.some((t) => !TYPES.includes(t as LocationType))) {
    throw new FhirIssues(400, [errorIssue('value', `type must be one of ${TYPES.join(', ')} (system ${typeSystem})`)]);
  }
  if (types && !types.length) return null;
  const idSet = [tokens(q._id, ''), tokens(q.identifier, fhir.mapping.identifierSystems.location)].filter(
    (ids): ids is string[] => !!ids,
  );
  const ids = idSet.length ? idSet.reduce((a, b) => a.filter((id) => b.includes(id))) : undefined;
  const name =
    q['name:exact'] !== undefined
      ? { text: q['name:exact'], match: 'exact' as const }
      : q['name:contains'] !== undefined
        ? { text: q['name:contains'], match: 'contains' as const }
        : q.name !== undefined
          ? { text: q.name, match: 'start' as const }
          : undefined;
  return {
    ...(types ? { types: types as LocationType[] } : {}),
    ...(q.partof ? { parentId: q.partof.replace(/^.*Location\//, '') } : {}),
    ...(ids ? { ids } : {}),
    ...(name ? { name } : {}),
    limit: q._count,
    offset: q._offset,
  };
}

/** Location search as a searchset Bundle with self, first, previous and next links. */
export async function searchFhirLocations(ctx: AppContext, q: LocationQuery): Promise<Bundle> {
  const { fhir } = fhirOf(ctx);
  const search = searchOf(fhir, q);
  const { results, total } = search ? await locations.searchLocations(ctx.db, search) : { results: [], total: 0 };
  const link = (offset: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q))
      if (v !== undefined && k !== '_offset' && k !== '_count') params.set(k, String(v));
    params.set('_count', String(q._count));
    if (offset) params.set('_offset', String(offset));
    return `${fhir.serverBase}/Location?${params}`;
  };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [
      { relation: 'self', url: link(q._offset) },
      { relation: 'first', url: link(0) },
      ...(q._offset > 0 ? [{ relation: 'previous', url: link(Math.max(0, q._offset - q._count)) }] : []),
      ...(q._offset + q._count < total ? [{ relation: 'next', url: link(q._offset + q._count) }] : []),
    ],
    entry: results.map((l) => ({
      fullUrl: `${fhir.serverBase}/Location/${l.id}`,
      resource: toFhirLocation(fhir, l),
      search: { mode: 'match' as const },
    })),
  };
}

export async function readFhirLocation(ctx: AppContext, id: string): Promise<FhirLocation> {
  const location = await locations.findLocation(ctx.db, id);
  if (!location) throw new FhirIssues(404, [errorIssue('not-found', `no Location/${id}`)]);
  return toFhirLocation(fhirOf(ctx).fhir, location);
}

/** POST /fhir/Location: the id comes from an identifier of the location system, else a new random one. */
export async function createFhirLocation(ctx: AppContext, user: AuthUser, body: unknown): Promise<FhirLocation> {
  locations.requireLocationScope(user);
  const { fhir } = fhirOf(ctx);
  const input = fromFhirLocation(fhir, body, { newId: randomBytes(8).toString('base64url').replace(/[_]/g, '-') });
  if (!input.location) throw new FhirIssues(400, input.issues);
  return toFhirLocation(fhir, await locations.createLocation(ctx, user, input.location));
}

/** PUT /fhir/Location/{id}: renames; the type and parent cannot change (records and jurisdictions rely on them). */
export async function updateFhirLocation(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  body: unknown,
): Promise<FhirLocation> {
  locations.requireLocationScope(user);
  const { fhir } = fhirOf(ctx);
  const current = fhir.locations.get(id);
  if (!current)
    throw new FhirIssues(404, [
      errorIssue('not-found', `no Location/${id}; create locations with POST /fhir/Location`),
    ]);
  const input = fromFhirLocation(fhir, body, { id });
  if (!input.location) throw new FhirIssues(400, input.issues);
  const issues = [
    ...(input.location.type !== current.type
      ? [errorIssue('business-rule', 'a location keeps its type', 'Location.type')]
      : []),
    ...(input.location.parentId !== current.parentId
      ? [errorIssue('business-rule', 'a location stays where it is in the hierarchy (partOf)', 'Location.partOf')]
      : []),
  ];
  if (issues.length) throw new FhirIssues(400, issues);
  return toFhirLocation(fhir, await locations.renameLocation(ctx, user, id, input.location.name));
}
