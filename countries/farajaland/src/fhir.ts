import type { FhirCoding, FhirMappingInput, FhirPersonMapping } from '@lifeline/domain';

/**
 * How Farajaland's birth and death forms map to FHIR R4 (see docs/fhir.md for the table). Standard codes where one
 * exists (LOINC, v3-RoleCode, v2-0203, v3-MaritalStatus); Farajaland's own code systems under BASE otherwise.
 * Farajaland is fictional: its URIs use the .example domain reserved for examples (RFC 2606).
 */
const BASE = 'http://farajaland.example/fhir';

const LOINC = 'http://loinc.org';
const ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const ID_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const MARITAL = 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus';
const NULL_FLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';

const loinc = (code: string, display?: string): FhirCoding => ({
  system: LOINC,
  code,
  ...(display ? { display } : {}),
});
const role = (code: string, display: string): FhirCoding => ({ system: ROLE, code, display });
/** Farajaland's own observation codes. */
const local = (code: string, display: string): FhirCoding => ({
  system: `${BASE}/CodeSystem/observation`,
  code,
  display,
});
const section = (code: string, title: string) => ({ code, title });

const MARITAL_CODES: Record<string, FhirCoding> = {
  SINGLE: { system: MARITAL, code: 'S', display: 'Never Married' },
  MARRIED: { system: MARITAL, code: 'M', display: 'Married' },
  WIDOWED: { system: MARITAL, code: 'W', display: 'Widowed' },
  DIVORCED: { system: MARITAL, code: 'D', display: 'Divorced' },
  SEPARATED: { system: MARITAL, code: 'L', display: 'Legally Separated' },
  NOT_STATED: { system: NULL_FLAVOR, code: 'UNK', display: 'unknown' },
};

/** UCUM codes of the form's time units (intervals of the causes of death). */
const TIME_UNITS: Record<string, string> = {
  MINUTES: 'min',
  HOURS: 'h',
  DAYS: 'd',
  WEEKS: 'wk',
  MONTHS: 'mo',
  YEARS: 'a',
};

/** The national ID, passport and birth registration number of a person section, as identifiers. */
function identifiers(prefix: string): FhirPersonMapping['identifiers'] {
  const idType = `${prefix}.idType`;
  return [
    {
      field: `${prefix}.nid`,
      type: { system: ID_TYPE, code: 'NI', display: 'National unique individual identifier' },
      idType: { field: idType, value: 'NATIONAL_ID' },
    },
    {
      field: `${prefix}.passport`,
      system: `${BASE}/id/passport`,
      type: { system: ID_TYPE, code: 'PPN', display: 'Passport number' },
      idType: { field: idType, value: 'PASSPORT' },
    },
    {
      field: `${prefix}.brn`,
      system: `${BASE}/id/birth-registration-number`,
      type: { system: ID_TYPE, code: 'BCT', display: 'Birth Certificate' },
      idType: { field: idType, value: 'BIRTH_REGISTRATION_NUMBER' },
    },
  ];
}

/** Name, date of birth, nationality, IDs and address of a person section. */
function identity(prefix: string) {
  return {
    name: `${prefix}.name`,
    birthDate: `${prefix}.dob`,
    nationality: `${prefix}.nationality`,
    identifiers: identifiers(prefix),
  };
}

/** Age, marital status, education and occupation of a parent, as observations about them. */
function parentObservations(prefix: string) {
  return [
    { field: `${prefix}.age`, code: [loinc('30525-0', 'Age')], unit: 'a', about: prefix },
    {
      field: `${prefix}.maritalStatus`,
      code: [loinc('45404-1', 'Marital status')],
      codes: MARITAL_CODES,
      about: prefix,
    },
    { field: `${prefix}.educationalAttainment`, code: [loinc('82589-3', 'Highest level of education')], about: prefix },
    { field: `${prefix}.occupation`, code: [loinc('11341-5', 'History of Occupation')], about: prefix },
  ];
}

const INFORMANT_RELATIONS: Record<string, FhirCoding> = {
  MOTHER: role('MTH', 'mother'),
  FATHER: role('FTH', 'father'),
  GRANDFATHER: role('GRFTH', 'grandfather'),
  GRANDMOTHER: role('GRMTH', 'grandmother'),
  BROTHER: role('BRO', 'brother'),
  SISTER: role('SIS', 'sister'),
  LEGAL_GUARDIAN: role('GUARD', 'guardian'),
  SPOUSE: role('SPS', 'spouse'),
  SON: role('SON', 'natural son'),
  DAUGHTER: role('DAU', 'natural daughter'),
  SON_IN_LAW: role('SONINLAW', 'son in-law'),
  DAUGHTER_IN_LAW: role('DAUINLAW', 'daughter in-law'),
  GRANDSON: role('GRNDSON', 'grandson'),
  GRANDDAUGHTER: role('GRNDDAU', 'granddaughter'),
};

function informant(sameAs: Record<string, string>): FhirPersonMapping {
  return {
    role: 'informant',
    section: section('informant-details', "Informant's details"),
    resource: 'RelatedPerson',
    relationship: { field: 'informant.relation', codes: INFORMANT_RELATIONS, text: 'informant.other.relation' },
    sameAs: { field: 'informant.relation', roles: sameAs },
    ...identity('informant'),
    address: 'informant.address',
    phone: 'informant.phoneNo',
    email: 'informant.email',
  };
}

export const fhirMapping: FhirMappingInput = {
  baseUri: BASE,
  identifierSystems: {
    trackingId: `${BASE}/id/tracking-id`,
    registrationNumber: `${BASE}/id/registration-number`,
    location: `${BASE}/id/location`,
  },
  events: [
    {
      event: 'birth',
      kind: 'birth',
      documentType: { system: `${BASE}/CodeSystem/document-type`, code: 'birth-record', display: 'Birth record' },
      subject: {
        role: 'child',
        section: section('child-details', "Child's details"),
        resource: 'Patient',
        name: 'child.name',
        gender: { field: 'child.gender' },
        birthDate: 'child.dob',
      },
      persons: [
        {
          role: 'mother',
          section: section('mother-details', "Mother's details"),
          resource: 'RelatedPerson',
          relationship: role('MTH', 'mother'),
          ...identity('mother'),
          address: 'mother.address',
        },
        {
          role: 'father',
          section: section('father-details', "Father's details"),
          resource: 'RelatedPerson',
          relationship: role('FTH', 'father'),
          ...identity('father'),
          address: 'father.address',
          addressSameAs: { field: 'father.addressSameAs', value: 'YES', role: 'mother' },
        },
        informant({ MOTHER: 'mother', FATHER: 'father' }),
      ],
      place: {
        typeField: 'child.placeOfBirth',
        facility: { field: 'child.birthLocation', typeValue: 'HEALTH_FACILITY' },
        addresses: [
          { field: 'child.birthLocation.privateHome', typeValue: 'PRIVATE_HOME' },
          { field: 'child.birthLocation.other', typeValue: 'OTHER' },
        ],
        encounterType: { system: `${BASE}/CodeSystem/encounter-type`, code: 'birth-encounter', display: 'Birth' },
      },
      observations: [
        { field: 'child.weightAtBirth', code: [loinc('8339-4', 'Birth weight Measured')], unit: 'kg' },
        { field: 'child.birthType', code: [loinc('57722-1', 'Birth plurality of Pregnancy')] },
        { field: 'child.attendantAtBirth', code: [loinc('73764-3')] },
        {
          field: 'child.reason',
          code: [local('delayed-registration-reason', 'Reason for delayed registration')],
        },
        ...parentObservations('mother'),
        { field: 'mother.previousBirths', code: [loinc('11640-0')], about: 'mother' },
        ...parentObservations('father'),
        { field: 'informant.age', code: [loinc('30525-0', 'Age')], unit: 'a', about: 'informant' },
      ],
    },
    {
      event: 'death',
      kind: 'death',
      documentType: { system: `${BASE}/CodeSystem/document-type`, code: 'death-record', display: 'Death record' },
      subject: {
        role: 'deceased',
        section: section('deceased-details', "Deceased's details"),
        resource: 'Patient',
        ...identity('deceased'),
        gender: { field: 'deceased.gender' },
        deceasedDate: 'eventDetails.date',
        maritalStatus: { field: 'deceased.maritalStatus', codes: MARITAL_CODES },
        address: 'deceased.address',
      },
      persons: [
        {
          role: 'spouse',
          section: section('spouse-details', "Spouse's details"),
          resource: 'RelatedPerson',
          relationship: role('SPS', 'spouse'),
          ...identity('spouse'),
          address: 'spouse.address',
          addressSameAs: { field: 'spouse.addressSameAs', value: 'YES', role: 'deceased' },
        },
        informant({ SPOUSE: 'spouse' }),
      ],
      place: {
        typeField: 'eventDetails.placeOfDeath',
        facility: { field: 'eventDetails.deathLocation', typeValue: 'HEALTH_FACILITY' },
        addresses: [
          { field: 'deceased.address', typeValue: 'DECEASED_USUAL_RESIDENCE' },
          { field: 'eventDetails.deathLocationOther', typeValue: 'OTHER' },
        ],
        encounterType: { system: `${BASE}/CodeSystem/encounter-type`, code: 'death-encounter', display: 'Death' },
      },
      observations: [
        { field: 'deceased.age', code: [loinc('30525-0', 'Age')], unit: 'a' },
        { field: 'deceased.numberOfDependants', code: [local('number-of-dependants', 'Number of dependants')] },
        {
          field: 'eventDetails.reasonForLateRegistration',
          code: [local('late-registration-reason', 'Reason for late registration')],
        },
        { field: 'eventDetails.mannerOfDeath', code: [loinc('69449-7', 'Manner of death')] },
        {
          field: 'eventDetails.causeOfDeathEstablished',
          code: [local('cause-of-death-established', 'Cause of death established')],
        },
        {
          field: 'eventDetails.sourceCauseDeath',
          code: [local('cause-of-death-method', 'Source of cause of death')],
        },
        {
          field: 'eventDetails.description',
          code: [local('lay-reported-cause-of-death', 'Cause of death as reported')],
        },
        ...['A', 'B', 'C', 'D'].map((line) => ({
          field: `medicalCertificate.cause${line}`,
          code: [
            loinc('69453-9', 'Cause of death'),
            local(`cause-of-death-line-${line.toLowerCase()}`, `Cause of death, line ${line.toLowerCase()}`),
          ],
          components: [
            {
              field: `medicalCertificate.interval${line}`,
              code: [loinc('69440-6', 'Disease onset to death interval')],
              units: TIME_UNITS,
            },
          ],
        })),
        {
          field: 'medicalCertificate.otherConditions',
          code: [loinc('69441-4', 'Other significant causes or conditions of death')],
        },
        { field: 'spouse.age', code: [loinc('30525-0', 'Age')], unit: 'a', about: 'spouse' },
        { field: 'informant.age', code: [loinc('30525-0', 'Age')], unit: 'a', about: 'informant' },
      ],
    },
  ],
};
