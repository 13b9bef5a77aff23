import { dateOfEvent, deriveState, fullName, type Action, type EventState } from '@lifeline/domain';
import type { Country } from '../../country.ts';

/** What a certificate states about its record (the certificates row and the signed QR payload hold these). */
export interface PrintedFacts {
  event_type: string;
  registration_number: string;
  subject_name: string;
  date_of_event: string | null;
}

/** The facts a certificate printed from this state carries (as printExtension writes them). */
export function factsOf(country: Country, eventType: string, state: EventState): PrintedFacts | null {
  const event = country.events.get(eventType);
  if (!event) return null;
  return {
    event_type: event.id,
    registration_number: state.registrationNumber ?? '',
    subject_name: fullName(state.declaration[event.titleField]),
    date_of_event: dateOfEvent(event, state.declaration),
  };
}

/**
 * Which printed facts differ from the record as its action log stood just before the print action (not as the
 * projection says: a forged event_index row must not yield a certificate that verifies). Empty when they agree.
 */
export function differencesFromLog(
  country: Country,
  certificate: PrintedFacts & { action_id: string },
  actions: readonly Action[],
): string[] {
  const at = actions.findIndex((a) => a.id === certificate.action_id);
  if (at < 0) return ['print action'];
  const state = deriveState(actions.slice(0, at));
  const expected = state && factsOf(country, certificate.event_type, state);
  if (!expected) return ['record'];
  return (Object.keys(expected) as Array<keyof PrintedFacts>).filter((k) => expected[k] !== certificate[k]);
}

/** The fields where the projection's state differs from the log's (what a print must not be made from). */
export function stateDifferences(projected: EventState, fromLog: EventState | null): string[] {
  if (!fromLog) return ['record'];
  const fields: Array<keyof EventState> = ['status', 'registrationNumber', 'declaration', 'flags'];
  return fields.filter((f) => JSON.stringify(sorted(projected[f])) !== JSON.stringify(sorted(fromLog[f])));
}

/** A JSON value with object keys in order (jsonb from the database comes back in its own key order). */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
