import {
  dateOfEvent,
  declarationIds,
  declarationNameWords,
  declarationNames,
  fullName,
  placeOfEvent,
  type EventConfig,
  type EventState,
} from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { recordNameKeys } from '../dedup/keys.ts';
import type { IndexWrite } from './repository.ts';

/**
 * The version of the columns below: raise it when a column is added or computed differently, and the server
 * rebuilds event_index from the action log at start (`projection_state` holds the version the rows have).
 */
// 3: registration_facts (statistics) is rebuilt with the projection.
// 4: created_by_user_type, updated_by(_role), updated_at_location, legal_statuses (the reference's search facts).
export const PROJECTION_VERSION = 4;

/** The event_index row for a record's state: the one place the projection's columns are computed. */
export function toIndexRow(
  country: Country,
  config: EventConfig,
  event: { id: string; trackingId: string },
  state: EventState,
  version: number,
): IndexWrite {
  const place = placeOfEvent(config, state.declaration);
  const path = (id: string | null) => (id && country.locations.get(id) ? country.locations.pathString(id) : null);
  return {
    event_id: event.id,
    type: config.id,
    tracking_id: event.trackingId,
    status: state.status,
    flags: state.flags,
    assigned_to: state.assignedTo,
    declaration: JSON.stringify(state.declaration),
    registration_number: state.registrationNumber,
    title: fullName(state.declaration[config.titleField]),
    date_of_event: dateOfEvent(config, state.declaration),
    place_of_event: place,
    place_of_event_path: path(place),
    created_by: state.createdBy,
    created_at_location: state.createdAtLocation,
    created_at_location_path: path(state.createdAtLocation),
    created_at: state.createdAt,
    updated_at: state.updatedAt,
    declared_at: state.declaredAt,
    registered_at: state.registeredAt,
    registered_at_location: state.registeredAtLocation,
    created_by_user_type: state.createdByUserType,
    updated_by: state.updatedBy,
    updated_by_role: state.updatedByRole,
    updated_at_location: state.updatedAtLocation,
    legal_statuses: JSON.stringify(state.legalStatuses),
    version,
    names: declarationNames(config, state.declaration).join(' | '),
    ids: declarationIds(config, state.declaration),
    name_keys: recordNameKeys(config, state.declaration),
    name_words: declarationNameWords(config, state.declaration),
  };
}
