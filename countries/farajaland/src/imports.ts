import type { ImportConfig } from '@lifeline/domain';

/**
 * How Farajaland's legacy registers come in with `lifeline import FILE --type birth|death` (docs/importing.md):
 * which CSV column fills which form field. Edit the column names to match an export; add a field by naming its
 * column. `relaxed` lists what the old registers never recorded: required for a new declaration, optional here.
 */

const SEX = { M: 'male', F: 'female', U: 'unknown', MALE: 'male', FEMALE: 'female' };
const YES_NO_ID = { NID: 'NATIONAL_ID', NONE: 'NONE', PASSPORT: 'PASSPORT' };

/** Who gave the information, the details a legacy register kept of them, and the documents it never scanned. */
const INFORMANT_AND_PAPERWORK = [
  'informant.relation',
  'informant.other.relation',
  'informant.name',
  'informant.dob',
  'informant.age',
  'informant.nationality',
  'informant.idType',
  'informant.nid',
  'informant.passport',
  'informant.brn',
  'informant.address',
  'informant.email',
];

export const imports: ImportConfig = {
  events: [
    {
      event: 'birth',
      registration: {
        number: 'registration_number',
        date: 'registration_date',
        office: 'registration_office',
        registrar: 'registrar',
      },
      fields: {
        'child.name': { firstname: 'child_first_name', middlename: 'child_middle_names', surname: 'child_surname' },
        'child.gender': 'child_sex',
        'child.dob': 'child_date_of_birth',
        'child.placeOfBirth': 'place_of_birth',
        'child.birthLocation': 'health_facility',
        'child.birthType': 'birth_type',
        'child.weightAtBirth': 'weight_at_birth_kg',
        'informant.relation': 'informant',
        'mother.name': { firstname: 'mother_first_name', surname: 'mother_surname' },
        'mother.dob': 'mother_date_of_birth',
        'mother.idType': 'mother_id_type',
        'mother.nid': 'mother_national_id',
        'mother.address': { administrativeArea: 'mother_residence', town: 'mother_village' },
        'father.detailsNotAvailable': 'father_unknown',
        'father.name': { firstname: 'father_first_name', surname: 'father_surname' },
        'father.dob': 'father_date_of_birth',
      },
      values: {
        'child.gender': SEX,
        'child.placeOfBirth': { HOSPITAL: 'HEALTH_FACILITY', HOME: 'PRIVATE_HOME', OTHER: 'OTHER' },
        'mother.idType': YES_NO_ID,
      },
      defaults: { 'mother.nationality': 'FAR' },
      relaxed: {
        notRequired: [
          // Registered late by today's rule: the old register gave no reason.
          'child.reason',
          'child.birthLocation.privateHome',
          'child.birthLocation.other',
          ...INFORMANT_AND_PAPERWORK,
          'mother.dob',
          'mother.age',
          'mother.nationality',
          'mother.idType',
          'mother.nid',
          'mother.address',
          'father.reason',
          'father.name',
          'father.dob',
          'father.age',
          'father.nationality',
          'father.idType',
          'father.addressSameAs',
          'father.address',
        ],
        unchecked: [],
      },
    },
    {
      event: 'death',
      registration: {
        number: 'registration_number',
        date: 'registration_date',
        office: 'registration_office',
        registrar: 'registrar',
      },
      fields: {
        'deceased.name': { firstname: 'deceased_first_name', surname: 'deceased_surname' },
        'deceased.gender': 'deceased_sex',
        'deceased.dob': 'deceased_date_of_birth',
        'deceased.idType': 'deceased_id_type',
        'deceased.nid': 'deceased_national_id',
        'deceased.maritalStatus': 'marital_status',
        'deceased.address': { administrativeArea: 'residence', town: 'village' },
        'eventDetails.date': 'date_of_death',
        'eventDetails.placeOfDeath': 'place_of_death',
        'eventDetails.deathLocation': 'health_facility',
        'eventDetails.mannerOfDeath': 'manner_of_death',
        'medicalCertificate.causeA': 'cause_of_death',
        'informant.relation': 'informant',
      },
      values: {
        'deceased.gender': SEX,
        'deceased.idType': YES_NO_ID,
        'eventDetails.placeOfDeath': { HOSPITAL: 'HEALTH_FACILITY', HOME: 'DECEASED_USUAL_RESIDENCE', OTHER: 'OTHER' },
        'eventDetails.mannerOfDeath': {
          NATURAL: 'MANNER_NATURAL',
          ACCIDENT: 'MANNER_ACCIDENT',
          SUICIDE: 'MANNER_SUICIDE',
          HOMICIDE: 'MANNER_HOMICIDE',
          UNDETERMINED: 'MANNER_UNDETERMINED',
        },
      },
      defaults: { 'deceased.nationality': 'FAR' },
      relaxed: {
        notRequired: [
          'deceased.dob',
          'deceased.age',
          'deceased.idType',
          'deceased.nid',
          'deceased.address',
          'eventDetails.reasonForLateRegistration',
          'eventDetails.deathLocation',
          'eventDetails.deathLocationOther',
          'eventDetails.sourceCauseDeath',
          'eventDetails.description',
          'medicalCertificate.causeA',
          ...INFORMANT_AND_PAPERWORK,
          'spouse.detailsNotAvailable',
          'spouse.reason',
          'spouse.name',
          'spouse.dob',
          'spouse.age',
          'spouse.nationality',
          'spouse.idType',
          'spouse.addressSameAs',
          'spouse.address',
        ],
        unchecked: [],
      },
    },
  ],
};
