import type { Location as FhirLocation } from 'fhir/r4';
import { LocationType, type Location } from '@lifeline/domain';
import type { FhirContext } from './context.ts';
import { errorIssue, type Issue } from './outcome.ts';
import { localUris, SYSTEMS } from './systems.ts';

const TYPE_DISPLAY: Record<LocationType, string> = {
  ADMIN_AREA: 'Administrative area',
  CRVS_OFFICE: 'Civil registration office',
  HEALTH_FACILITY: 'Health facility',
};

/** FHIR ids: letters, digits, - and ., at most 64 (and so the ids a created location may take). */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** A registry location as FHIR: its id doubles as an identifier, its type is coded, areas are jurisdictions. */
export function toFhirLocation(ctx: FhirContext, location: Location): FhirLocation {
  const uris = localUris(ctx.mapping.baseUri);
  const parent = location.parentId ? ctx.locations.get(location.parentId) : undefined;
  const area = location.type === 'ADMIN_AREA';
  return {
    resourceType: 'Location',
    id: location.id,
    ...(location.level ? { extension: [{ url: uris.adminLevel, valueInteger: location.level }] } : {}),
    identifier: [{ system: ctx.mapping.identifierSystems.location, value: location.id }],
    status: 'active',
    name: location.name,
    mode: 'instance',
    type: [{ coding: [{ system: uris.locationType, code: location.type, display: TYPE_DISPLAY[location.type] }] }],
    physicalType: {
      coding: [
        area
          ? { system: SYSTEMS.locationPhysicalType, code: 'jdn', display: 'Jurisdiction' }
          : { system: SYSTEMS.locationPhysicalType, code: 'bu', display: 'Building' },
      ],
    },
    ...(location.parentId
      ? { partOf: { reference: `Location/${location.parentId}`, ...(parent ? { display: parent.name } : {}) } }
      : {}),
  };
}

export type LocationInput = { location: Location; issues: [] } | { location: null; issues: Issue[] };

/**
 * A FHIR Location sent to create (`id` absent) or update a registry location. Checks what the registry relies on:
 * a name, one of its three types, a parent that is an administrative area; an id taken from the identifier of the
 * location system when given (else `newId`). Returns every problem, each named by FHIRPath.
 */
export function fromFhirLocation(
  ctx: FhirContext,
  body: unknown,
  target: { id: string } | { newId: string },
): LocationInput {
  const issues: Issue[] = [];
  const r = (body ?? {}) as Partial<FhirLocation> & Record<string, unknown>;
  if (r.resourceType !== 'Location') {
    return { location: null, issues: [errorIssue('structure', 'the body must be a Location resource', 'Location')] };
  }
  const name = typeof r.name === 'string' ? r.name.trim() : '';
  if (!name || name.length > 200)
    issues.push(errorIssue('required', 'a name of 1 to 200 characters is required', 'Location.name'));
  if (r.status !== undefined && r.status !== 'active') {
    issues.push(
      errorIssue(
        'not-supported',
        'only active locations are kept; leave status out or send "active"',
        'Location.status',
      ),
    );
  }
  const system = localUris(ctx.mapping.baseUri).locationType;
  const codes = (Array.isArray(r.type) ? r.type : [])
    .flatMap((t) => t?.coding ?? [])
    .filter((c) => c?.system === system);
  const type = LocationType.safeParse(codes[0]?.code);
  if (!type.success) {
    issues.push(
      errorIssue(
        'required',
        `type needs a coding of ${system} with code ${LocationType.options.join(', ')}`,
        'Location.type',
      ),
    );
  }
  let parentId: string | null = null;
  if (r.partOf !== undefined) {
    const ref = typeof r.partOf?.reference === 'string' ? /^Location\/([^/]+)$/.exec(r.partOf.reference) : null;
    const parent = ref ? ctx.locations.get(ref[1]) : undefined;
    if (!parent)
      issues.push(
        errorIssue('not-found', 'partOf must reference a known Location as "Location/{id}"', 'Location.partOf'),
      );
    else if (parent.type !== 'ADMIN_AREA') {
      issues.push(
        errorIssue('business-rule', `Location/${parent.id} is not an administrative area`, 'Location.partOf'),
      );
    } else parentId = parent.id;
  }
  let id = 'id' in target ? target.id : target.newId;
  if ('id' in target && r.id !== undefined && r.id !== target.id) {
    issues.push(errorIssue('invalid', `id must be ${target.id}, the id in the URL`, 'Location.id'));
  }
  (Array.isArray(r.identifier) ? r.identifier : []).forEach((identifier, i) => {
    if (identifier?.system !== ctx.mapping.identifierSystems.location) return;
    const path = `Location.identifier[${i}].value`;
    if (typeof identifier.value !== 'string' || !FHIR_ID.test(identifier.value)) {
      issues.push(errorIssue('value', 'a location id is 1 to 64 letters, digits, - or .', path));
    } else if ('id' in target && identifier.value !== target.id) {
      issues.push(errorIssue('business-rule', 'a location keeps its id: it cannot be changed', path));
    } else id = identifier.value;
  });
  if (issues.length || !type.success) return { location: null, issues };
  const parent = parentId ? ctx.locations.get(parentId) : undefined;
  const level = type.data === 'ADMIN_AREA' ? (parent?.level ?? 0) + 1 : undefined;
  return {
    location: { id, name, type: type.data, parentId, ...(level ? { level } : {}) },
    issues: [],
  };
}
