import type { Observation, ObservationComponent, Quantity } from 'fhir/r4';
import { formFields, type FhirObservationMapping, type FieldConfig, type JsonObject } from '@lifeline/domain';
import type { EventMapping, FhirContext } from './context.ts';
import { stableUuid, urnUuid } from './ids.ts';
import type { People } from './persons.ts';
import { SYSTEMS } from './systems.ts';
import { isEmpty, label, optionConcept, optionLabel } from './values.ts';

type Part = Pick<FhirObservationMapping, 'field' | 'code' | 'unit' | 'codes' | 'units'>;
/** The value[x] of an observation or component. */
type Value = Pick<
  Observation,
  | 'valueQuantity'
  | 'valueCodeableConcept'
  | 'valueString'
  | 'valueBoolean'
  | 'valueInteger'
  | 'valueDateTime'
  | 'valueTime'
>;

function quantity(value: number, ucum: string | undefined, unitLabel?: string): Quantity {
  return ucum ? { value, unit: unitLabel ?? ucum, system: SYSTEMS.ucum, code: ucum } : { value };
}

/** A form answer as an observation value, by the field's type. Undefined when the type has no FHIR value here. */
export function observationValue(
  ctx: FhirContext,
  eventId: string,
  field: FieldConfig,
  part: Part,
  value: unknown,
): Value | undefined {
  switch (field.type) {
    case 'NUMBER':
      if (typeof value !== 'number') return undefined;
      if (!part.unit && field.integer && Number.isInteger(value)) return { valueInteger: value };
      return { valueQuantity: quantity(value, part.unit) };
    case 'AGE':
      return typeof value === 'number' ? { valueQuantity: quantity(value, part.unit ?? 'a') } : undefined;
    case 'NUMBER_WITH_UNIT': {
      const v = value as { numericValue?: unknown; unit?: unknown };
      if (typeof v?.numericValue !== 'number' || typeof v.unit !== 'string') return undefined;
      return { valueQuantity: quantity(v.numericValue, part.units?.[v.unit], optionLabel(ctx, field, v.unit)) };
    }
    case 'SELECT':
    case 'RADIO_GROUP':
      return typeof value === 'string'
        ? { valueCodeableConcept: optionConcept(ctx, eventId, field, value, part.codes) }
        : undefined;
    case 'CHECKBOX':
      return typeof value === 'boolean' ? { valueBoolean: value } : undefined;
    case 'DATE':
      return typeof value === 'string' ? { valueDateTime: value } : undefined;
    case 'TIME':
      return typeof value === 'string' ? { valueTime: value.length === 5 ? `${value}:00` : value } : undefined;
    case 'TEXT':
    case 'TEXTAREA':
    case 'ID':
    case 'PHONE':
    case 'EMAIL':
      return typeof value === 'string' ? { valueString: value } : undefined;
    default:
      return undefined;
  }
}

export interface ObservationEntry {
  fullUrl: string;
  /** The role whose section holds it. */
  role: string;
  resource: Observation;
}

/**
 * The answers the mapping lists as observations: about the subject, or (`about`) with another person as focus.
 * An observation about a person absent from the document is left out.
 */
export function buildObservations(
  ctx: FhirContext,
  em: EventMapping,
  record: { id: string; declaration: JsonObject; final: boolean; encounterUrl: string },
  people: People,
): ObservationEntry[] {
  const fields = new Map(formFields(em.event).map(({ field }) => [field.id, field]));
  const out: ObservationEntry[] = [];
  for (const m of em.mapping.observations) {
    const field = fields.get(m.field);
    const answer = record.declaration[m.field];
    if (!field || isEmpty(answer)) continue;
    const value = observationValue(ctx, em.event.id, field, m, answer);
    if (!value) continue;
    const about = m.about ? people.byRole.get(m.about) : people.subject;
    if (!about) continue;
    const component: ObservationComponent[] = [];
    for (const c of m.components) {
      const cField = fields.get(c.field);
      const cAnswer = record.declaration[c.field];
      const cValue = cField && !isEmpty(cAnswer) ? observationValue(ctx, em.event.id, cField, c, cAnswer) : undefined;
      if (cField && cValue) component.push({ code: { coding: c.code, text: label(ctx, cField.label) }, ...cValue });
    }
    out.push({
      fullUrl: urnUuid(stableUuid(record.id, 'observation', m.field)),
      role: about.role,
      resource: {
        resourceType: 'Observation',
        status: record.final ? 'final' : 'preliminary',
        code: { coding: m.code, text: label(ctx, field.label) },
        subject: { reference: people.subject.fullUrl },
        ...(about !== people.subject ? { focus: [{ reference: about.fullUrl }] } : {}),
        encounter: { reference: record.encounterUrl },
        ...value,
        ...(component.length ? { component } : {}),
      },
    });
  }
  return out;
}
