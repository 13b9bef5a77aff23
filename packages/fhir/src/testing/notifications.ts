/** Notification bundles as health systems send them, for tests here and in the server. */
import type { Bundle, FhirResource } from 'fhir/r4';

export const IBOMBO_DISTRICT_HOSPITAL = 't0qT1Vh8qi3';
const NID = 'http://farajaland.example/id/national-id';

/** What a hospital system sends: a newborn without a name, the mother, the father, the ward's Encounter. */
export function hospitalBirth(
  over: { identifier?: string; birthDate?: string; motherNid?: string; childName?: string } = {},
): Bundle<FhirResource> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    identifier: { system: 'urn:oid:1.2.3.4', value: over.identifier ?? 'ibombo-2025-0001' },
    entry: [
      {
        fullUrl: 'urn:uuid:0a7b8b8e-4b83-4f28-9d5c-000000000001',
        resource: {
          resourceType: 'Patient',
          ...(over.childName ? { name: [{ given: [over.childName], family: 'Mulenga' }] } : {}),
          gender: 'female',
          birthDate: over.birthDate ?? '2025-06-01',
        },
      },
      {
        fullUrl: 'urn:uuid:0a7b8b8e-4b83-4f28-9d5c-000000000002',
        resource: {
          resourceType: 'RelatedPerson',
          patient: { reference: 'urn:uuid:0a7b8b8e-4b83-4f28-9d5c-000000000001' },
          relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }] }],
          name: [{ family: 'Mulenga', given: ['Mwila'] }],
          birthDate: '1995-03-12',
          identifier: [{ system: NID, value: over.motherNid ?? '1234567890' }],
        },
      },
      {
        fullUrl: 'urn:uuid:0a7b8b8e-4b83-4f28-9d5c-000000000003',
        resource: {
          resourceType: 'Encounter',
          status: 'finished',
          class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
          subject: { reference: 'urn:uuid:0a7b8b8e-4b83-4f28-9d5c-000000000001' },
          location: [{ location: { reference: `Location/${IBOMBO_DISTRICT_HOSPITAL}` } }],
        },
      },
      {
        fullUrl: 'urn:uuid:0a7b8b8e-4b83-4f28-9d5c-000000000004',
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '8339-4' }] },
          subject: { reference: 'urn:uuid:0a7b8b8e-4b83-4f28-9d5c-000000000001' },
          valueQuantity: { value: 3150, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' },
        },
      },
    ],
  };
}
