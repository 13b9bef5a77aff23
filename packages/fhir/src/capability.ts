import type { CapabilityStatement } from 'fhir/r4';
import type { FhirContext } from './context.ts';

/** The Location search parameters served, with what each matches. */
export const LOCATION_SEARCH_PARAMS = [
  { name: '_id', type: 'token', documentation: 'the location id; several separated by commas' },
  { name: 'identifier', type: 'token', documentation: '[system|]value of Location.identifier (the location id)' },
  { name: 'name', type: 'string', documentation: 'name starts with (any case); name:contains, name:exact' },
  { name: 'type', type: 'token', documentation: '[system|]ADMIN_AREA, CRVS_OFFICE or HEALTH_FACILITY' },
  { name: 'partof', type: 'reference', documentation: 'Location/{id} (or {id}): the locations directly inside it' },
  { name: '_count', type: 'number', documentation: 'page size, 1 to 500 (default 50)' },
  { name: '_offset', type: 'number', documentation: 'entries to skip (the paging links set it)' },
] as const;

/** What /fhir serves, exactly: this document is built from the same list the routes are. */
export function capabilityStatement(
  ctx: FhirContext,
  software: { name: string; version: string; date: string },
): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: software.date,
    publisher: `${ctx.settings.countryName} civil registry`,
    kind: 'instance',
    software: { name: software.name, version: software.version },
    implementation: { description: `${ctx.settings.countryName} civil registration (Lifeline)`, url: ctx.serverBase },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          "Records of births and deaths as FHIR documents, the registry's locations, and notifications from health systems.",
        security: {
          description:
            'Bearer access tokens (Authorization: Bearer ...). metadata and Location reads are public; writing ' +
            'locations needs the config.update-all scope, notifying record.notify, reading a record record.read ' +
            "within the record's jurisdiction.",
        },
        resource: [
          {
            type: 'Location',
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
            updateCreate: false,
            searchParam: LOCATION_SEARCH_PARAMS.filter((p) => !p.name.startsWith('_c') && p.name !== '_offset').map(
              (p) => ({ name: p.name, type: p.type, documentation: p.documentation }),
            ),
          },
          {
            type: 'Composition',
            operation: [
              {
                name: 'document',
                definition: 'http://hl7.org/fhir/OperationDefinition/Composition-document',
                documentation: 'GET /Composition/{record id}/$document: the record as a document Bundle',
              },
            ],
          },
          {
            type: 'Bundle',
            documentation:
              'read: a record as a document Bundle (same as Composition/$document). create: a notification of a ' +
              'birth or death (a document, collection or transaction Bundle) that becomes an incomplete record.',
            interaction: [{ code: 'read' }, { code: 'create' }],
          },
        ],
      },
    ],
  };
}
