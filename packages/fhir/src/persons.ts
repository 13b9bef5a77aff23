import type { CodeableConcept, ContactPoint, Extension, Identifier, Patient, RelatedPerson } from 'fhir/r4';
import { formFields, type FhirPersonMapping, type FieldConfig, type JsonObject } from '@lifeline/domain';
import type { EventMapping, FhirContext } from './context.ts';
import { stableUuid, urnUuid } from './ids.ts';
import { EXTENSIONS, localUris } from './systems.ts';
import { address, countryConcept, humanName, isEmpty, optionConcept } from './values.ts';

/** A person of the document: their resource, or (`sameAs`) the role whose resource they share. */
export interface PersonEntry {
  role: string;
  mapping: FhirPersonMapping;
  fullUrl: string;
  resource: Patient | RelatedPerson;
}

export interface People {
  subject: PersonEntry;
  /** Every role present, aliases included (the informant who is the mother maps to the mother's entry). */
  byRole: Map<string, PersonEntry>;
  /** Distinct resources in form order. */
  entries: PersonEntry[];
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function fieldMap(em: EventMapping): Map<string, FieldConfig> {
  return new Map(formFields(em.event).map(({ field }) => [field.id, field]));
}

function identifiers(ctx: FhirContext, m: FhirPersonMapping, d: JsonObject): Identifier[] {
  const out: Identifier[] = [];
  for (const id of m.identifiers) {
    const value = text(d[id.field]);
    const system = id.system ?? ctx.settings.nationalIdSystem;
    if (!value || !system) continue;
    out.push({ use: 'official', ...(id.type ? { type: { coding: [id.type] } } : {}), system, value });
  }
  return out;
}

function telecom(m: FhirPersonMapping, d: JsonObject): ContactPoint[] {
  const phone = m.phone ? text(d[m.phone]) : undefined;
  const email = m.email ? text(d[m.email]) : undefined;
  return [
    ...(phone ? [{ system: 'phone' as const, value: phone }] : []),
    ...(email ? [{ system: 'email' as const, value: email }] : []),
  ];
}

function gender(m: FhirPersonMapping, d: JsonObject): Patient['gender'] {
  const value = m.gender ? text(d[m.gender.field]) : undefined;
  if (!value) return undefined;
  const mapped = m.gender?.codes?.[value] ?? value;
  return (['male', 'female', 'other', 'unknown'] as const).find((g) => g === mapped);
}

function personAddress(ctx: FhirContext, em: EventMapping, m: FhirPersonMapping, d: JsonObject) {
  const same = m.addressSameAs;
  if (same && d[same.field] === same.value) {
    const other = [em.mapping.subject, ...em.mapping.persons].find((p) => p.role === same.role);
    return other?.address ? address(ctx, d[other.address]) : undefined;
  }
  return m.address ? address(ctx, d[m.address]) : undefined;
}

function relationship(ctx: FhirContext, em: EventMapping, m: FhirPersonMapping, d: JsonObject): CodeableConcept[] {
  const r = m.relationship;
  if (!r) return [];
  if (!('field' in r)) return [{ coding: [r], ...(r.display ? { text: r.display } : {}) }];
  const value = text(d[r.field]);
  const field = fieldMap(em).get(r.field);
  if (!value || !field) return [];
  const concept = optionConcept(ctx, em.event.id, field, value, r.codes);
  const said = r.text ? text(d[r.text]) : undefined;
  return [said ? { ...concept, text: said } : concept];
}

/** Whether any of the person's own fields holds an answer (a person whose details are not available has none). */
function hasDetails(m: FhirPersonMapping, d: JsonObject): boolean {
  const ids = [m.name, m.birthDate, m.deceasedDate, m.address, m.phone, m.email, m.nationality, m.gender?.field];
  return [...ids, ...m.identifiers.map((i) => i.field)].some((id) => id && !isEmpty(d[id]));
}

function resourceOf(ctx: FhirContext, em: EventMapping, m: FhirPersonMapping, d: JsonObject, subjectUrl: string) {
  const name = m.name ? humanName(d[m.name]) : undefined;
  const ids = identifiers(ctx, m, d);
  const contact = telecom(m, d);
  const home = personAddress(ctx, em, m, d);
  const birthDate = m.birthDate ? text(d[m.birthDate]) : undefined;
  const sex = gender(m, d);
  const nationality = m.nationality ? text(d[m.nationality]) : undefined;
  const common = {
    ...(ids.length ? { identifier: ids } : {}),
    ...(name ? { name: [name] } : {}),
    ...(contact.length ? { telecom: contact } : {}),
    ...(sex ? { gender: sex } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(home ? { address: [home] } : {}),
  };
  if (m.resource === 'RelatedPerson') {
    // patient-nationality is defined on Patient only: RelatedPerson carries the country's own extension.
    const extension: Extension[] = nationality
      ? [{ url: localUris(ctx.mapping.baseUri).nationality, valueCodeableConcept: countryConcept(nationality) }]
      : [];
    const relation = relationship(ctx, em, m, d);
    const person: RelatedPerson = {
      resourceType: 'RelatedPerson',
      ...(extension.length ? { extension } : {}),
      ...common,
      patient: { reference: subjectUrl },
      ...(relation.length ? { relationship: relation } : {}),
    };
    return person;
  }
  const extension: Extension[] = nationality
    ? [
        {
          url: EXTENSIONS.patientNationality,
          extension: [{ url: 'code', valueCodeableConcept: countryConcept(nationality) }],
        },
      ]
    : [];
  const deceased = m.deceasedDate ? text(d[m.deceasedDate]) : undefined;
  const marital = m.maritalStatus ? text(d[m.maritalStatus.field]) : undefined;
  const maritalField = m.maritalStatus ? fieldMap(em).get(m.maritalStatus.field) : undefined;
  const patient: Patient = {
    resourceType: 'Patient',
    ...(extension.length ? { extension } : {}),
    ...common,
    ...(deceased ? { deceasedDateTime: deceased } : {}),
    ...(marital && maritalField
      ? { maritalStatus: optionConcept(ctx, em.event.id, maritalField, marital, m.maritalStatus?.codes) }
      : {}),
  };
  return patient;
}

/**
 * The people of a record as Patient (the subject) and RelatedPersons (everyone else, pointing at the subject).
 * A person whose section is empty is left out; one who is another role's person (the informant who is the mother)
 * shares that role's resource, which also takes their contact details.
 */
export function buildPeople(ctx: FhirContext, em: EventMapping, recordId: string, d: JsonObject): People {
  const subjectUrl = urnUuid(stableUuid(recordId, em.mapping.subject.role));
  const subject: PersonEntry = {
    role: em.mapping.subject.role,
    mapping: em.mapping.subject,
    fullUrl: subjectUrl,
    resource: resourceOf(ctx, em, em.mapping.subject, d, subjectUrl),
  };
  const byRole = new Map<string, PersonEntry>([[subject.role, subject]]);
  const entries = [subject];
  for (const m of em.mapping.persons) {
    const alias = m.sameAs ? m.sameAs.roles[String(d[m.sameAs.field])] : undefined;
    const target = alias ? byRole.get(alias) : undefined;
    if (target) {
      const extra = telecom(m, d);
      if (extra.length) target.resource.telecom = [...(target.resource.telecom ?? []), ...extra];
      byRole.set(m.role, target);
      continue;
    }
    if (!hasDetails(m, d) && !(m.relationship && 'field' in m.relationship && !isEmpty(d[m.relationship.field])))
      continue;
    const entry: PersonEntry = {
      role: m.role,
      mapping: m,
      fullUrl: urnUuid(stableUuid(recordId, m.role)),
      resource: resourceOf(ctx, em, m, d, subjectUrl),
    };
    byRole.set(m.role, entry);
    entries.push(entry);
  }
  return { subject, byRole, entries };
}
