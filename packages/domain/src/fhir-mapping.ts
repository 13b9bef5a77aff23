import { z } from 'zod';
import { FieldId, type FieldConfig, type FieldType } from './fields.ts';
import { formFields, type EventConfig } from './forms.ts';

/**
 * How a country's forms map to FHIR R4 (packages/fhir reads this): which form field fills which FHIR element, and
 * with which codes. Values are converted by the field's type in the form (NAME -> HumanName, ADDRESS -> Address,
 * SELECT -> a coding whose display is the option's label...), so a country with other field ids or options maps
 * without code changes: only this table changes.
 */

/** A code from a code system (FHIR Coding). */
export const FhirCoding = z.object({
  system: z.string().min(1),
  code: z.string().min(1),
  display: z.string().min(1).optional(),
});
export type FhirCoding = z.infer<typeof FhirCoding>;

/** Form option value -> the standard code sent for it. Options not listed use the country's own code system. */
const OptionCodes = z.record(z.string(), FhirCoding);

/** A person's role on a record, e.g. `child`, `mother`; sections and observations refer to people by it. */
export const FhirRole = z.string().regex(/^[a-z][a-zA-Z]*$/, 'roles are camelCase words');

export const FhirIdentifierMapping = z.object({
  /** The ID field holding the number. */
  field: FieldId,
  /** The identifier's system URI; absent = the national ID system of the country settings. */
  system: z.string().min(1).optional(),
  /** Identifier.type, e.g. v2-0203 NI (national ID), PPN (passport). */
  type: FhirCoding.optional(),
  /** The select saying which ID the person has, and the option meaning this one (set when a number arrives). */
  idType: z.object({ field: FieldId, value: z.string().min(1) }).optional(),
});
export type FhirIdentifierMapping = z.infer<typeof FhirIdentifierMapping>;

const ADMINISTRATIVE_GENDERS = ['male', 'female', 'other', 'unknown'] as const;

export const FhirPersonMapping = z.object({
  role: FhirRole,
  /** The Composition section holding the person. */
  section: z.object({ code: z.string().min(1), title: z.string().min(1) }),
  /** The record's subject (child, deceased) is a Patient; the people around it RelatedPersons. */
  resource: z.enum(['Patient', 'RelatedPerson']),
  /**
   * RelatedPerson.relationship: a fixed v3-RoleCode (MTH), or read from a select (the informant's relation) with
   * `text` naming a relation that has no code ("someone else": which relation, in words).
   */
  relationship: z
    .union([FhirCoding, z.object({ field: FieldId, codes: OptionCodes, text: FieldId.optional() })])
    .optional(),
  /** When `field` holds one of these values the person is another role's person (the informant is the mother). */
  sameAs: z.object({ field: FieldId, roles: z.record(z.string(), FhirRole) }).optional(),
  name: FieldId.optional(),
  /** Select of the person's sex; `codes` maps option values to FHIR AdministrativeGender when they differ. */
  gender: z
    .object({ field: FieldId, codes: z.record(z.string(), z.enum(ADMINISTRATIVE_GENDERS)).optional() })
    .optional(),
  birthDate: FieldId.optional(),
  /** The date of death (Patient.deceasedDateTime). */
  deceasedDate: FieldId.optional(),
  nationality: FieldId.optional(),
  /** Patient.maritalStatus (Patients only; for others use an observation). */
  maritalStatus: z.object({ field: FieldId, codes: OptionCodes.optional() }).optional(),
  address: FieldId.optional(),
  /** "Same address as ...?": when `field` holds `value`, the address is `role`'s. */
  addressSameAs: z.object({ field: FieldId, value: z.string().min(1), role: FhirRole }).optional(),
  phone: FieldId.optional(),
  email: FieldId.optional(),
  identifiers: z.array(FhirIdentifierMapping).default([]),
});
export type FhirPersonMapping = z.infer<typeof FhirPersonMapping>;

const ObservationPart = z.object({
  field: FieldId,
  /** Observation.code: every coding given (e.g. LOINC and the country's own); incoming data matches any. */
  code: z.array(FhirCoding).min(1),
  /** NUMBER fields: the UCUM unit of the value (kg). */
  unit: z.string().min(1).optional(),
  /** Select values -> standard codes. */
  codes: OptionCodes.optional(),
  /** NUMBER_WITH_UNIT fields: unit option -> UCUM code. */
  units: z.record(z.string(), z.string().min(1)).optional(),
});

export const FhirObservationMapping = ObservationPart.extend({
  /** The person the observation is about when not the record's subject (Observation.focus). */
  about: FhirRole.optional(),
  /** Values observed together with this one (e.g. the interval of a cause of death). */
  components: z.array(ObservationPart).default([]),
});
export type FhirObservationMapping = z.infer<typeof FhirObservationMapping>;

export const FhirPlaceMapping = z.object({
  /** The select saying what kind of place the event happened at. */
  typeField: FieldId.optional(),
  /** The health facility (LOCATION field) and the `typeField` option meaning "a health facility". */
  facility: z.object({ field: FieldId, typeValue: z.string().min(1).optional() }),
  /** Addresses of places that are not facilities, with the `typeField` option each belongs to. */
  addresses: z.array(z.object({ field: FieldId, typeValue: z.string().min(1) })).default([]),
  encounterType: FhirCoding,
});
export type FhirPlaceMapping = z.infer<typeof FhirPlaceMapping>;

export const FhirEventMapping = z.object({
  /** The event config this maps. */
  event: z.string().min(1),
  /** Birth documents carry a newborn; death documents a Patient with deceasedDateTime. */
  kind: z.enum(['birth', 'death']),
  documentType: FhirCoding,
  subject: FhirPersonMapping,
  persons: z.array(FhirPersonMapping).default([]),
  place: FhirPlaceMapping,
  observations: z.array(FhirObservationMapping).default([]),
});
export type FhirEventMapping = z.infer<typeof FhirEventMapping>;

export const FhirMapping = z.object({
  /** Base URI of the country's own code systems and extensions, e.g. http://farajaland.example/fhir. */
  baseUri: z.url(),
  identifierSystems: z.object({
    trackingId: z.url(),
    registrationNumber: z.url(),
    /** Locations' ids, as Location.identifier (and searchable by it). */
    location: z.url(),
  }),
  events: z.array(FhirEventMapping),
});
export type FhirMapping = z.infer<typeof FhirMapping>;

/** Field types each mapped element accepts. */
const PERSON_FIELD_TYPES: Record<string, readonly FieldType[]> = {
  name: ['NAME'],
  birthDate: ['DATE'],
  deceasedDate: ['DATE'],
  nationality: ['COUNTRY'],
  address: ['ADDRESS'],
  phone: ['PHONE'],
  email: ['EMAIL'],
};
const CHOICE_TYPES: readonly FieldType[] = ['SELECT', 'RADIO_GROUP'];
/** Field types whose answers an Observation can carry (as Quantity, CodeableConcept, boolean, string, date...). */
export const FHIR_OBSERVABLE_TYPES: readonly FieldType[] = [
  'NUMBER',
  'NUMBER_WITH_UNIT',
  'AGE',
  'SELECT',
  'RADIO_GROUP',
  'CHECKBOX',
  'TEXT',
  'TEXTAREA',
  'DATE',
  'TIME',
  'ID',
  'PHONE',
  'EMAIL',
];

/**
 * Problems of one event's mapping against its form: every field it names must exist with a type the element can
 * hold. Returns `[path, problem]` pairs (empty when the mapping fits the form).
 */
export function checkFhirEventMapping(mapping: FhirEventMapping, event: EventConfig): Array<[string, string]> {
  const fields = new Map<string, FieldConfig>(formFields(event).map(({ field }) => [field.id, field]));
  const problems: Array<[string, string]> = [];
  const expect = (path: string, id: string, types?: readonly FieldType[]) => {
    const field = fields.get(id);
    if (!field) problems.push([path, `"${id}" is not a field of the ${event.id} form`]);
    else if (types && !types.includes(field.type))
      problems.push([path, `"${id}" is ${field.type}, not ${types.join('/')}`]);
  };
  const roles = new Set([mapping.subject.role, ...mapping.persons.map((p) => p.role)]);
  const person = (p: FhirPersonMapping, path: string) => {
    for (const [key, types] of Object.entries(PERSON_FIELD_TYPES)) {
      const id = p[key as keyof FhirPersonMapping];
      if (typeof id === 'string') expect(`${path}.${key}`, id, types);
    }
    if (p.gender) expect(`${path}.gender.field`, p.gender.field, CHOICE_TYPES);
    if (p.maritalStatus) expect(`${path}.maritalStatus.field`, p.maritalStatus.field, CHOICE_TYPES);
    if (p.relationship && 'field' in p.relationship) {
      expect(`${path}.relationship.field`, p.relationship.field, CHOICE_TYPES);
      if (p.relationship.text) expect(`${path}.relationship.text`, p.relationship.text, ['TEXT']);
    }
    if (p.addressSameAs) {
      expect(`${path}.addressSameAs.field`, p.addressSameAs.field, CHOICE_TYPES);
      if (!roles.has(p.addressSameAs.role))
        problems.push([`${path}.addressSameAs.role`, `unknown role "${p.addressSameAs.role}"`]);
    }
    if (p.sameAs) {
      expect(`${path}.sameAs.field`, p.sameAs.field, CHOICE_TYPES);
      for (const role of Object.values(p.sameAs.roles)) {
        if (!roles.has(role)) problems.push([`${path}.sameAs.roles`, `unknown role "${role}"`]);
      }
    }
    p.identifiers.forEach((id, i) => {
      expect(`${path}.identifiers[${i}].field`, id.field, ['ID']);
      if (id.idType) expect(`${path}.identifiers[${i}].idType.field`, id.idType.field, CHOICE_TYPES);
    });
  };
  person(mapping.subject, 'subject');
  mapping.persons.forEach((p, i) => person(p, `persons[${i}]`));
  if (mapping.place.typeField) expect('place.typeField', mapping.place.typeField, CHOICE_TYPES);
  expect('place.facility.field', mapping.place.facility.field, ['LOCATION']);
  mapping.place.addresses.forEach((a, i) => expect(`place.addresses[${i}].field`, a.field, ['ADDRESS']));
  mapping.observations.forEach((o, i) => {
    expect(`observations[${i}].field`, o.field, FHIR_OBSERVABLE_TYPES);
    if (o.about && !roles.has(o.about)) problems.push([`observations[${i}].about`, `unknown role "${o.about}"`]);
    o.components.forEach((c, j) => expect(`observations[${i}].components[${j}].field`, c.field, FHIR_OBSERVABLE_TYPES));
  });
  return problems;
}

/** The mapping as a country package writes it (lists may be left out). */
export type FhirMappingInput = z.input<typeof FhirMapping>;
