import type { Bundle, BundleEntry, Composition, CompositionSection, Reference, Resource, Task } from 'fhir/r4';
import type { EventStatus, Flag, JsonObject } from '@lifeline/domain';
import { locationUrl, type EventMapping, type FhirContext } from './context.ts';
import { stableUuid, urnUuid } from './ids.ts';
import { toFhirLocation } from './location.ts';
import { buildObservations } from './observations.ts';
import { buildPeople } from './persons.ts';
import { buildPlace } from './place.ts';
import { localUris, SYSTEMS } from './systems.ts';
import { label } from './values.ts';

/** What the document needs of a record (the server's EventDocument has all of it). */
export interface RecordForDocument {
  id: string;
  trackingId: string;
  status: EventStatus;
  flags: readonly Flag[];
  declaration: JsonObject;
  registrationNumber: string | null;
  dateOfEvent: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** The office that registered it, once registered. */
  registeredAtLocation: string | null;
  /** Whether a correction was ever applied after registration. */
  corrected: boolean;
}

function taskStatus(record: RecordForDocument): Task['status'] {
  if (record.status === 'REGISTERED') return 'completed';
  if (record.status === 'ARCHIVED') return 'cancelled';
  if (record.flags.includes('rejected')) return 'on-hold';
  if (record.status === 'CREATED') return 'draft';
  if (record.status === 'NOTIFIED') return 'requested';
  return record.flags.includes('validated') ? 'accepted' : 'received';
}

function registrationTask(
  ctx: FhirContext,
  record: RecordForDocument,
  refs: { composition: string; subject: string },
): Task {
  const office = record.registeredAtLocation ? ctx.locations.get(record.registeredAtLocation) : undefined;
  const uris = localUris(ctx.mapping.baseUri);
  const systems = ctx.mapping.identifierSystems;
  return {
    resourceType: 'Task',
    identifier: [
      { use: 'secondary', system: systems.trackingId, value: record.trackingId },
      ...(record.registrationNumber
        ? [{ use: 'official' as const, system: systems.registrationNumber, value: record.registrationNumber }]
        : []),
    ],
    status: taskStatus(record),
    businessStatus: {
      coding: [
        { system: uris.recordStatus, code: record.status },
        ...record.flags.map((flag) => ({ system: uris.recordFlag, code: flag })),
      ],
      text: record.status,
    },
    intent: 'order',
    code: { coding: [{ system: uris.task, code: 'registration', display: 'Registration' }] },
    focus: { reference: refs.composition },
    for: { reference: refs.subject },
    authoredOn: record.createdAt,
    lastModified: record.updatedAt,
    ...(office ? { location: { reference: locationUrl(ctx, office.id), display: office.name } } : {}),
  };
}

function section(ctx: FhirContext, code: string, title: string, entries: string[]): CompositionSection | null {
  if (!entries.length) return null;
  return {
    title,
    code: { coding: [{ system: localUris(ctx.mapping.baseUri).section, code, display: title }] },
    entry: entries.map((reference): Reference => ({ reference })),
  };
}

/**
 * A record as a FHIR document (Bundle of type document): the Composition first, whose sections hold the subject,
 * the people around them, the place of the event, the observations the form collects (each in the section of the
 * person it is about) and the registration Task. Resources get stable ids derived from the record, so two
 * downloads of the same record agree.
 */
export function recordToDocument(ctx: FhirContext, em: EventMapping, record: RecordForDocument): Bundle {
  const d = record.declaration;
  const final = record.status === 'REGISTERED';
  const compositionUrl = `${ctx.serverBase}/Composition/${record.id}`;
  const people = buildPeople(ctx, em, record.id, d);
  if (record.registrationNumber && em.mapping.kind === 'birth') {
    // The child's registration number identifies them from now on (as a birth certificate number).
    const subject = people.subject.resource;
    subject.identifier = [
      ...(subject.identifier ?? []),
      { use: 'official', system: ctx.mapping.identifierSystems.registrationNumber, value: record.registrationNumber },
    ];
  }
  const place = buildPlace(
    ctx,
    em,
    { id: record.id, declaration: d, dateOfEvent: record.dateOfEvent },
    people.subject.fullUrl,
  );
  const observations = buildObservations(
    ctx,
    em,
    { id: record.id, declaration: d, final, encounterUrl: place.encounter.fullUrl },
    people,
  );
  const taskUrl = urnUuid(stableUuid(record.id, 'task'));
  const task = registrationTask(ctx, record, { composition: compositionUrl, subject: people.subject.fullUrl });
  const eventLabel = label(ctx, em.event.label);

  const roles = [em.mapping.subject, ...em.mapping.persons];
  const sections = [
    ...roles.map((m) => {
      const person = people.byRole.get(m.role);
      const own = observations.filter((o) => o.role === m.role && person?.role === m.role).map((o) => o.fullUrl);
      return section(ctx, m.section.code, m.section.title, person ? [person.fullUrl, ...own] : []);
    }),
    section(ctx, em.mapping.place.encounterType.code, `Place of ${eventLabel.toLowerCase()}`, [
      place.encounter.fullUrl,
      ...place.locations.map((l) => l.fullUrl),
    ]),
    section(ctx, 'registration', 'Registration', [taskUrl]),
  ].filter((s): s is CompositionSection => s !== null);

  const composition: Composition = {
    resourceType: 'Composition',
    id: record.id,
    meta: { versionId: String(record.version), lastUpdated: record.updatedAt },
    identifier: { system: ctx.mapping.identifierSystems.trackingId, value: record.trackingId },
    status: final ? (record.corrected ? 'amended' : 'final') : 'preliminary',
    type: { coding: [em.mapping.documentType], text: eventLabel },
    subject: { reference: people.subject.fullUrl },
    encounter: { reference: place.encounter.fullUrl },
    date: record.updatedAt,
    author: [{ display: `${ctx.settings.countryName} civil registry` }],
    title: `${eventLabel} record ${record.trackingId}`,
    // Restricted: personal data, disclosed only to those the registry's access rule allows.
    confidentiality: 'R',
    section: sections,
  };

  const registrationOffice = record.registeredAtLocation ? ctx.locations.get(record.registeredAtLocation) : undefined;
  const resources: Array<{ fullUrl: string; resource: Resource }> = [
    { fullUrl: compositionUrl, resource: composition },
    ...people.entries.map((p) => ({ fullUrl: p.fullUrl, resource: p.resource })),
    place.encounter,
    ...place.locations,
    ...observations,
    { fullUrl: taskUrl, resource: task },
    ...(registrationOffice
      ? [{ fullUrl: locationUrl(ctx, registrationOffice.id), resource: toFhirLocation(ctx, registrationOffice) }]
      : []),
  ];
  const seen = new Set<string>();
  const entry: BundleEntry[] = resources
    .filter((r) => !seen.has(r.fullUrl) && !!seen.add(r.fullUrl))
    .map((r) => ({ fullUrl: r.fullUrl, resource: r.resource }));

  return {
    resourceType: 'Bundle',
    id: record.id,
    meta: { versionId: String(record.version), lastUpdated: record.updatedAt },
    // One identifier per version of the document: the record's id and version.
    identifier: { system: SYSTEMS.rfc3986, value: urnUuid(stableUuid(record.id, 'document', String(record.version))) },
    type: 'document',
    timestamp: record.updatedAt,
    entry,
  };
}
