import {
  dateOfEvent,
  placeOfEvent,
  validateDeclaration,
  type EventConfig,
  type ImportEventMap,
  type JsonObject,
  type ScopeName,
} from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { HttpError } from '../../lib/errors.ts';
import { requireScope } from '../access/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { locationIdOf, type Registration } from './map-row.ts';

/** A row that passed every check of its own: ready to be written once the register has no objection. */
export interface CheckedRow {
  row: number;
  declaration: JsonObject;
  registration: Registration & { officeId: string };
  dateOfEvent: string | null;
}

export type Checked = { ok: true; value: CheckedRow } | { ok: false; reasons: string[] };

const relaxedCache = new WeakMap<ImportEventMap['relaxed'], { notRequired: Set<string>; unchecked: Set<string> }>();
function relaxedSets(relaxed: ImportEventMap['relaxed']) {
  let sets = relaxedCache.get(relaxed);
  if (!sets) {
    sets = { notRequired: new Set(relaxed.notRequired), unchecked: new Set(relaxed.unchecked) };
    relaxedCache.set(relaxed, sets);
  }
  return sets;
}

/**
 * The form's rules, relaxed as the import map says for historical data; the registration's office and date; and
 * the importer's jurisdiction for record.import (or the given scope: a paper register's typist's record.transcribe)
 * over the record (its office and place of event).
 */
export function checkRow(
  country: Country,
  config: EventConfig,
  relaxed: ImportEventMap['relaxed'],
  user: AuthUser,
  row: number,
  declaration: JsonObject,
  registration: Registration,
  options: {
    /** The scope whose jurisdiction must cover the record (a paper register's typist: record.transcribe). */
    scope?: ScopeName;
    /** Today in the country's time zone, when the caller knows it (an import asks once per batch). */
    today?: string;
  } = {},
): Checked {
  const scope = options.scope ?? 'record.import';
  const today = options.today ?? country.today();
  const reasons: string[] = [];
  const { notRequired, unchecked } = relaxedSets(relaxed);
  const errors = validateDeclaration(config, declaration, {
    mode: 'complete',
    // A historical record's dates are judged against the day it was registered, not today.
    today: registration.date <= today ? registration.date : today,
    findLocation: (id) => country.locations.get(id),
  });
  for (const e of errors) {
    if (unchecked.has(e.field) && !e.message.startsWith('unknown field')) continue;
    if (notRequired.has(e.field) && (e.message === 'required' || e.message.startsWith('must not be given'))) continue;
    reasons.push(`${e.field}: ${e.message}`);
  }
  const officeId = registration.office ? locationIdOf(country, registration.office, 'CRVS_OFFICE') : null;
  if (!officeId)
    reasons.push(
      `office: "${registration.office}" is not a registration office of ${country.config.settings.countryName}`,
    );
  if (registration.date > today) reasons.push(`registration date ${registration.date} is in the future`);
  const eventDate = dateOfEvent(config, declaration);
  if (eventDate && eventDate > registration.date) {
    reasons.push(`registration date ${registration.date} is before the date of the event (${eventDate})`);
  }
  if (officeId) {
    try {
      requireScope(country, user, scope, config.id, {
        createdAtLocation: officeId,
        placeOfEvent: placeOfEvent(config, declaration),
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reasons.push(error.message);
    }
  }
  if (reasons.length || !officeId) return { ok: false, reasons };
  return { ok: true, value: { row, declaration, registration: { ...registration, officeId }, dateOfEvent: eventDate } };
}
