import { LocationTree, type CountryConfig } from '@lifeline/domain';
import type { EventMapping, FhirContext } from './context.ts';
import type { RecordForDocument } from './document.ts';

/** Mapper context and event mappings of a country config, for this package's tests. */
export function contextOf(config: CountryConfig, serverBase = 'http://localhost:3000/fhir') {
  const ctx: FhirContext = {
    mapping: config.fhir!,
    settings: config.settings,
    locations: new LocationTree(config.locations),
    serverBase,
  };
  const events: EventMapping[] = config.fhir!.events.map((mapping) => ({
    mapping,
    event: config.events.find((e) => e.id === mapping.event)!,
  }));
  const eventMapping = (id: string) => events.find((e) => e.event.id === id)!;
  return { ctx, events, eventMapping };
}

export function record(declaration: Record<string, unknown>, over: Partial<RecordForDocument> = {}): RecordForDocument {
  return {
    id: '6f1d1b0e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
    trackingId: 'B7K3MX9',
    status: 'NOTIFIED',
    flags: [],
    declaration,
    registrationNumber: null,
    dateOfEvent: null,
    createdAt: '2025-06-02T10:00:00.000Z',
    updatedAt: '2025-06-03T10:00:00.000Z',
    version: 1,
    registeredAtLocation: null,
    corrected: false,
    ...over,
  };
}
