/** Code systems and extensions defined by HL7 and used by the mappers. */
export const SYSTEMS = {
  ucum: 'http://unitsofmeasure.org',
  iso3166: 'urn:iso:std:iso:3166',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  rfc3986: 'urn:ietf:rfc:3986',
} as const;

export const EXTENSIONS = {
  patientNationality: 'http://hl7.org/fhir/StructureDefinition/patient-nationality',
  patientBirthPlace: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace',
} as const;

/** The country's own code systems and extensions, under the mapping's base URI. */
export function localUris(baseUri: string) {
  return {
    section: `${baseUri}/CodeSystem/section`,
    locationType: `${baseUri}/CodeSystem/location-type`,
    placeType: `${baseUri}/CodeSystem/place-type`,
    recordStatus: `${baseUri}/CodeSystem/record-status`,
    recordFlag: `${baseUri}/CodeSystem/record-flag`,
    task: `${baseUri}/CodeSystem/task`,
    /** Codes of a form's options: one code system per event and field. */
    field: (eventId: string, fieldId: string) => `${baseUri}/CodeSystem/${eventId}/${fieldId}`,
    nationality: `${baseUri}/StructureDefinition/nationality`,
    /** An address's administrative area (Location) in this registry. */
    addressArea: `${baseUri}/StructureDefinition/address-area`,
    /** A health facility (Location) carried on a patient-birthPlace Address. */
    addressLocation: `${baseUri}/StructureDefinition/address-location`,
    adminLevel: `${baseUri}/StructureDefinition/administrative-level`,
  };
}
