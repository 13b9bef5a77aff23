import type { Encounter, Location as FhirLocation } from 'fhir/r4';
import { formFields, type JsonObject } from '@lifeline/domain';
import { locationUrl, type EventMapping, type FhirContext } from './context.ts';
import { stableUuid, urnUuid } from './ids.ts';
import { toFhirLocation } from './location.ts';
import { localUris, SYSTEMS } from './systems.ts';
import { address, label, optionLabel } from './values.ts';

export interface PlaceEntries {
  encounter: { fullUrl: string; resource: Encounter };
  /** The facility (a registry Location, at its own URL) or the address where the event happened. */
  locations: Array<{ fullUrl: string; resource: FhirLocation }>;
}

/** The place of the event: which kind the form's select says, then the facility or the address for that kind. */
function placeLocation(ctx: FhirContext, em: EventMapping, recordId: string, d: JsonObject) {
  const place = em.mapping.place;
  const kind = place.typeField ? d[place.typeField] : undefined;
  const facilityId = d[place.facility.field];
  const facilityChosen = !place.typeField || !place.facility.typeValue || kind === place.facility.typeValue;
  if (facilityChosen && typeof facilityId === 'string') {
    const facility = ctx.locations.get(facilityId);
    if (facility)
      return { facility: true, fullUrl: locationUrl(ctx, facility.id), resource: toFhirLocation(ctx, facility) };
  }
  const spot = place.addresses.find((a) => a.typeValue === kind);
  const where = spot ? address(ctx, d[spot.field]) : undefined;
  if (!where || typeof kind !== 'string' || !place.typeField) return null;
  const typeField = formFields(em.event).find(({ field }) => field.id === place.typeField)?.field;
  const kindLabel = typeField ? optionLabel(ctx, typeField, kind) : kind;
  const resource: FhirLocation = {
    resourceType: 'Location',
    status: 'active',
    name: kindLabel,
    mode: 'instance',
    type: [{ coding: [{ system: localUris(ctx.mapping.baseUri).placeType, code: kind, display: kindLabel }] }],
    address: where,
  };
  return { facility: false, fullUrl: urnUuid(stableUuid(recordId, 'place')), resource };
}

/** The event as an Encounter of the subject, at its place, on its date. */
export function buildPlace(
  ctx: FhirContext,
  em: EventMapping,
  record: { id: string; declaration: JsonObject; dateOfEvent: string | null },
  subjectUrl: string,
): PlaceEntries {
  const location = placeLocation(ctx, em, record.id, record.declaration);
  const encounter: Encounter = {
    resourceType: 'Encounter',
    status: 'finished',
    // Born or died in a facility: an inpatient encounter; anywhere else: a field encounter.
    class: location?.facility
      ? { system: SYSTEMS.actCode, code: 'IMP', display: 'inpatient encounter' }
      : { system: SYSTEMS.actCode, code: 'FLD', display: 'field' },
    type: [{ coding: [em.mapping.place.encounterType], text: label(ctx, em.event.label) }],
    subject: { reference: subjectUrl },
    ...(record.dateOfEvent ? { period: { start: record.dateOfEvent, end: record.dateOfEvent } } : {}),
    ...(location
      ? {
          location: [
            {
              location: {
                reference: location.fullUrl,
                ...(location.resource.name ? { display: location.resource.name } : {}),
              },
            },
          ],
        }
      : {}),
  };
  return {
    encounter: { fullUrl: urnUuid(stableUuid(record.id, 'encounter')), resource: encounter },
    locations: location ? [{ fullUrl: location.fullUrl, resource: location.resource }] : [],
  };
}
