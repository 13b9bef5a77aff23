import type { EventConfig } from '../forms.ts';
import { formFields } from '../forms.ts';
import type { Location } from '../locations.ts';
import type { VitalStatisticsConfig } from './config.ts';

/** The first problem of a statistics config against the country's forms and locations, or null. */
export function checkVitalStatistics(
  config: VitalStatisticsConfig,
  events: readonly EventConfig[],
  locations: readonly Location[],
): { field: string; problem: string } | null {
  for (const [eventId, stats] of Object.entries(config.events)) {
    const event = events.find((e) => e.id === eventId);
    if (!event) return { field: `events.${eventId}`, problem: `unknown event type "${eventId}"` };
    const fields = new Map(formFields(event).map(({ field }) => [field.id, field]));
    const named: Array<[string, string | undefined]> = [
      ['sexField', stats.sexField],
      ['placeOfOccurrence.field', stats.placeOfOccurrence.field],
      ['subjectAge.dobField', stats.subjectAge?.dobField],
      ['subjectAge.ageField', stats.subjectAge?.ageField],
      ['motherAge.dobField', stats.motherAge?.dobField],
      ['motherAge.ageField', stats.motherAge?.ageField],
      ['birthWeightField', stats.birthWeightField],
      ...(stats.causeOfDeathFields ?? []).map((id, i): [string, string] => [`causeOfDeathFields[${i}]`, id]),
    ];
    for (const [path, id] of named) {
      if (id && !fields.has(id)) {
        return { field: `events.${eventId}.${path}`, problem: `"${id}" is not a field of the ${eventId} form` };
      }
    }
    for (const path of ['sexField', 'placeOfOccurrence.field'] as const) {
      const id = path === 'sexField' ? stats.sexField : stats.placeOfOccurrence.field;
      if (fields.get(id)?.type !== 'SELECT') {
        return { field: `events.${eventId}.${path}`, problem: `"${id}" must be a SELECT field` };
      }
    }
  }
  const areas = new Map(locations.filter((l) => l.type === 'ADMIN_AREA').map((l) => [l.id, l]));
  const levelProblem = (where: string, id: string, level: number) => {
    const area = areas.get(id);
    if (!area) return { field: where, problem: `"${id}" is not an administrative area` };
    if (area.level !== level) return { field: where, problem: `"${id}" is not an area of level ${level}` };
    return null;
  };
  for (const [i, feature] of (config.map?.features ?? []).entries()) {
    const problem = levelProblem(`map.features[${i}].areaId`, feature.areaId, config.map!.level);
    if (problem) return problem;
  }
  for (const id of Object.keys(config.urbanRural?.areas ?? {})) {
    const problem = levelProblem(`urbanRural.areas.${id}`, id, config.urbanRural!.level);
    if (problem) return problem;
  }
  return null;
}
