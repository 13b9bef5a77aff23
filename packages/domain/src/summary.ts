import { isCalendarDate } from './dates.ts';
import type { EventConfig } from './forms.ts';
import type { JsonObject } from './actions.ts';
import type { NameValue } from './values.ts';

/** The date of the event (e.g. the child's date of birth), or null while unknown. */
export function dateOfEvent(event: EventConfig, declaration: JsonObject): string | null {
  const value = declaration[event.dateOfEventField];
  return isCalendarDate(value) ? value : null;
}

/** Where the event happened: a facility id, or the administrative area of an address. */
export function placeOfEvent(event: EventConfig, declaration: JsonObject): string | null {
  for (const field of event.placeOfEventFields) {
    const value = declaration[field];
    if (typeof value === 'string' && value) return value;
    if (value && typeof value === 'object' && 'administrativeArea' in value) {
      const area = (value as { administrativeArea?: unknown }).administrativeArea;
      if (typeof area === 'string' && area) return area;
    }
  }
  return null;
}

/** "First Middle Surname" of a NAME value; empty when absent. */
export function fullName(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const name = value as NameValue;
  return [name.firstname, name.middlename, name.surname].filter((p) => p && p.trim()).join(' ');
}

/** On time, late or delayed, from the event date and the day of registration. */
export function timeliness(event: EventConfig, eventDate: string, on: string): 'ON_TIME' | 'LATE' | 'DELAYED' {
  const days = (Date.parse(on) - Date.parse(eventDate)) / 86_400_000;
  if (days <= event.timeliness.onTimeDays) return 'ON_TIME';
  if (event.timeliness.lateDays === undefined || days <= event.timeliness.lateDays) return 'LATE';
  return 'DELAYED';
}
