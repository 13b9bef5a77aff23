import type { FhirPersonMapping, JsonObject } from '@lifeline/domain';
import type { EventMapping, FhirContext } from '../context.ts';
import type { Issue } from '../outcome.ts';
import { EXTENSIONS, localUris } from '../systems.ts';
import { arr, hasCoding, obj, readBundle, str, type Entry, type IncomingBundle } from './bundle.ts';
import { Collected, readObservationValue, readPerson } from './read.ts';

export interface Notification {
  /** The event config the bundle notifies (birth, death...). */
  event: string;
  declaration: JsonObject;
  /** FHIRPath of the element each answer came from, to name it when the form refuses the answer. */
  origins: Map<string, string>;
  /** Bundle.identifier: the same one sent twice makes one record. */
  identifier: { system: string; value: string } | null;
  /** Elements received and not used. */
  warnings: Issue[];
}

export type NotificationResult = { ok: true; notification: Notification } | { ok: false; issues: Issue[] };

const isPerson = (e: Entry) => e.type === 'Patient' || e.type === 'RelatedPerson';

/** Which event the bundle is about: the Composition's type if it names one, else a deceased Patient means death. */
function chooseEvent(events: EventMapping[], bundle: IncomingBundle, into: Collected): EventMapping | undefined {
  const composition = bundle.entries.find((e) => e.type === 'Composition');
  const byType = events.find((em) => composition && hasCoding(composition.resource.type, em.mapping.documentType));
  if (byType) return byType;
  const deceased = bundle.entries.some(
    (e) => e.type === 'Patient' && (e.resource.deceasedDateTime !== undefined || e.resource.deceasedBoolean === true),
  );
  const kind = deceased ? 'death' : 'birth';
  const em = events.find((x) => x.mapping.kind === kind);
  if (!em) into.error('not-supported', `this registry takes no ${kind} notifications`, 'Bundle');
  return em;
}

/** Entries a Composition section with this code lists. */
function sectionEntries(bundle: IncomingBundle, code: string): Entry[] {
  const composition = bundle.entries.find((e) => e.type === 'Composition');
  const sections = arr(composition?.resource.section).map(obj);
  const section = sections.find((s) => arr(obj(s?.code)?.coding).some((c) => obj(c)?.code === code));
  return arr(section?.entry)
    .map((ref) => bundle.resolve(ref))
    .filter((e): e is Entry => !!e);
}

/** The record's subject: the Composition's subject, the Patient the RelatedPersons point at, or the only Patient. */
function findSubject(em: EventMapping, bundle: IncomingBundle, into: Collected): Entry | undefined {
  const composition = bundle.entries.find((e) => e.type === 'Composition');
  const fromComposition = composition ? bundle.resolve(composition.resource.subject) : undefined;
  if (fromComposition?.type === 'Patient') return fromComposition;
  const inSection = sectionEntries(bundle, em.mapping.subject.section.code).find((e) => e.type === 'Patient');
  if (inSection) return inSection;
  const pointedAt = new Set(
    bundle.entries.filter((e) => e.type === 'RelatedPerson').map((e) => bundle.resolve(e.resource.patient)),
  );
  const targets = [...pointedAt].filter((e): e is Entry => e?.type === 'Patient');
  if (targets.length === 1) return targets[0];
  const others = new Set(em.mapping.persons.flatMap((p) => sectionEntries(bundle, p.section.code)));
  const patients = bundle.entries.filter((e) => e.type === 'Patient' && !others.has(e));
  const candidates =
    em.mapping.kind === 'death' ? patients.filter((p) => p.resource.deceasedDateTime !== undefined) : patients;
  if (candidates.length === 1) return candidates[0];
  into.error(
    'required',
    `cannot tell which Patient is the ${em.mapping.subject.role}: set Composition.subject or send one Patient`,
    'Bundle.entry',
  );
  return undefined;
}

/**
 * A person who is another role's person (the informant who is the mother): their section lists that role's
 * resource. Sets the select saying so, and reads the contact details from the shared resource.
 */
function readAlias(
  ctx: FhirContext,
  em: EventMapping,
  m: FhirPersonMapping,
  bundle: IncomingBundle,
  people: Map<string, Entry>,
  into: Collected,
): boolean {
  if (!m.sameAs) return false;
  for (const entry of sectionEntries(bundle, m.section.code)) {
    const role = [...people].find(([, e]) => e === entry)?.[0];
    const value = Object.entries(m.sameAs.roles).find(([, r]) => r === role)?.[0];
    if (!value) continue;
    into.set(m.sameAs.field, value, entry.path);
    const contactOnly = {
      role: m.role,
      section: m.section,
      resource: m.resource,
      identifiers: [],
      phone: m.phone,
      email: m.email,
    };
    readPerson(ctx, em, contactOnly, entry, into);
    return true;
  }
  return false;
}

/** The resource of a person with a fixed relationship (the mother: MTH), or listed in their Composition section. */
function findPerson(m: FhirPersonMapping, bundle: IncomingBundle, used: Set<Entry>): Entry | undefined {
  const relationship = m.relationship;
  const unused = (e: Entry | undefined) => !!e && isPerson(e) && !used.has(e);
  const bySection = sectionEntries(bundle, m.section.code).find(unused);
  if (bySection) return bySection;
  if (!relationship || 'field' in relationship) return undefined;
  return bundle.entries.find(
    (e) => unused(e) && e.type === 'RelatedPerson' && hasCoding(e.resource.relationship, relationship),
  );
}

/**
 * The facility where the event happened: the Encounter's location, else the subject's patient-birthPlace (an
 * Address carrying the address-location extension, or, leniently, a valueReference). A facility is named as
 * `Location/{id}`, by an identifier of the location system, or by a Location entry carrying that identifier.
 */
function readPlace(ctx: FhirContext, em: EventMapping, bundle: IncomingBundle, subject: Entry, into: Collected) {
  const composition = bundle.entries.find((e) => e.type === 'Composition');
  const encounter =
    bundle.resolve(composition?.resource.encounter) ?? bundle.entries.find((e) => e.type === 'Encounter');
  const refs: Array<{ ref: unknown; path: string }> = [];
  if (encounter?.type === 'Encounter') {
    arr(encounter.resource.location).forEach((l, i) =>
      refs.push({ ref: obj(l)?.location, path: `${encounter.path}.location[${i}].location` }),
    );
  }
  arr(subject.resource.extension).forEach((ext, i) => {
    const e = obj(ext);
    if (e?.url !== EXTENSIONS.patientBirthPlace) return;
    const path = `${subject.path}.extension[${i}]`;
    if (e.valueReference) refs.push({ ref: e.valueReference, path: `${path}.valueReference` });
    arr(obj(e.valueAddress)?.extension).forEach((inner, j) => {
      if (obj(inner)?.url === localUris(ctx.mapping.baseUri).addressLocation) {
        refs.push({ ref: obj(inner)?.valueReference, path: `${path}.valueAddress.extension[${j}].valueReference` });
      }
    });
  });
  const place = em.mapping.place;
  for (const { ref, path } of refs) {
    const id = locationId(ctx, bundle, ref);
    const facility = id ? ctx.locations.get(id) : undefined;
    if (!facility || facility.type !== 'HEALTH_FACILITY') {
      into.error(
        'not-found',
        `${id ? `Location/${id}` : 'the location'} is not a health facility of this registry`,
        path,
      );
      continue;
    }
    into.set(place.facility.field, facility.id, path);
    if (place.typeField && place.facility.typeValue) into.set(place.typeField, place.facility.typeValue, path);
    return;
  }
}

function locationId(ctx: FhirContext, bundle: IncomingBundle, ref: unknown): string | undefined {
  const reference = obj(ref);
  const system = ctx.mapping.identifierSystems.location;
  const byIdentifier = obj(reference?.identifier);
  if (byIdentifier?.system === system) return str(byIdentifier.value);
  const text = str(reference?.reference);
  const entry = bundle.resolve(reference);
  if (entry?.type === 'Location') {
    const id = arr(entry.resource.identifier)
      .map(obj)
      .find((i) => i?.system === system)?.value;
    if (typeof id === 'string') return id;
  }
  const match = text ? /(?:^|\/)Location\/([A-Za-z0-9\-.]{1,64})$/.exec(text) : null;
  return match?.[1];
}

/** Observations the mapping knows (by any of its codes), about the subject or the person it names. */
function readObservations(
  ctx: FhirContext,
  em: EventMapping,
  bundle: IncomingBundle,
  people: Map<string, Entry>,
  into: Collected,
) {
  const used = new Set<string>();
  for (const entry of bundle.entries.filter((e) => e.type === 'Observation')) {
    const code = entry.resource.code;
    const focus = arr(entry.resource.focus).map((f) => bundle.resolve(f));
    const candidates = em.mapping.observations
      .filter((m) => !used.has(m.field))
      .filter((m) => (m.about ? focus.includes(people.get(m.about)) && !!people.get(m.about) : focus.length === 0))
      .map((m) => ({ m, score: m.code.filter((c) => hasCoding(code, c)).length }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score);
    const match = candidates[0]?.m;
    if (!match) {
      into.warn('not used: no field of the form takes this observation', entry.path);
      continue;
    }
    used.add(match.field);
    readObservationValue(ctx, em, match, entry.resource, entry.path, into);
    arr(entry.resource.component).forEach((c, i) => {
      const component = obj(c);
      const part = match.components.find((p) => p.code.some((x) => hasCoding(component?.code, x)));
      if (component && part) readObservationValue(ctx, em, part, component, `${entry.path}.component[${i}]`, into);
    });
  }
}

/**
 * A health system's notification (a Bundle of type document, collection or transaction) as a partial declaration
 * of the country's form, with the FHIRPath of every element each answer came from. Malformed bundles and values
 * that cannot be mapped give issues naming each element; elements the form has no place for give warnings.
 */
export function notificationToDeclaration(ctx: FhirContext, events: EventMapping[], body: unknown): NotificationResult {
  const into = new Collected();
  const bundle = readBundle(body, into.issues);
  const em = bundle && !into.issues.length ? chooseEvent(events, bundle, into) : undefined;
  const subject = bundle && em ? findSubject(em, bundle, into) : undefined;
  if (!bundle || !em || !subject) return { ok: false, issues: into.issues };
  readPerson(ctx, em, em.mapping.subject, subject, into);
  const people = new Map<string, Entry>([[em.mapping.subject.role, subject]]);
  const used = new Set<Entry>([subject]);
  for (const m of em.mapping.persons) {
    if (readAlias(ctx, em, m, bundle, people, into)) continue;
    const entry = findPerson(m, bundle, used);
    if (!entry) continue;
    used.add(entry);
    people.set(m.role, entry);
    readPerson(ctx, em, m, entry, into);
  }
  readPlace(ctx, em, bundle, subject, into);
  readObservations(ctx, em, bundle, people, into);
  for (const e of bundle.entries) {
    if (isPerson(e) && !used.has(e))
      into.warn(`not used: this ${e.type} is none of the people the form asks about`, e.path);
  }
  if (into.issues.length) return { ok: false, issues: into.issues };
  return {
    ok: true,
    notification: {
      event: em.event.id,
      declaration: into.values,
      origins: into.origins,
      identifier: bundle.identifier,
      warnings: into.warnings,
    },
  };
}
