/**
 * Complete, realistic declarations for tests and demos (here and in other packages' tests). Dates are relative
 * to FIXTURE_TODAY, so pass it as `today` when validating.
 */
export const FIXTURE_TODAY = '2025-06-15';

/** Klow, a village of Ibombo district. */
const KLOW = 'IkYcYBUcyY2';
/** Ibombo District Hospital. */
export const IBOMBO_DISTRICT_HOSPITAL = 't0qT1Vh8qi3';

const ibomboAddress = {
  country: 'FAR',
  addressType: 'DOMESTIC',
  administrativeArea: KLOW,
  town: 'Klow',
  street: 'Kasama Road',
  number: '12',
};

const pdf = (name: string) => ({ path: `/files/${name}`, originalFilename: name, type: 'application/pdf' });
const jpeg = (name: string) => ({ path: `/files/${name}`, originalFilename: name, type: 'image/jpeg' });

/** The mother declares her daughter, born two weeks ago at Ibombo District Hospital; both parents known. */
export function completeBirth(): Record<string, unknown> {
  return {
    'child.name': { firstname: 'Chanda', middlename: 'Grace', surname: 'Mulenga' },
    'child.gender': 'female',
    'child.dob': '2025-06-01',
    'child.placeOfBirth': 'HEALTH_FACILITY',
    'child.birthLocation': IBOMBO_DISTRICT_HOSPITAL,
    'child.attendantAtBirth': 'MIDWIFE',
    'child.birthType': 'SINGLE',
    'child.weightAtBirth': 3.2,
    'informant.relation': 'MOTHER',
    'informant.phoneNo': '0912345678',
    'informant.email': 'mwila.mulenga@example.com',
    'mother.name': { firstname: 'Mwila', surname: 'Mulenga' },
    'mother.dob': '1995-03-12',
    'mother.nationality': 'FAR',
    'mother.idType': 'NATIONAL_ID',
    'mother.nid': '1234567890',
    'mother.address': ibomboAddress,
    'mother.maritalStatus': 'MARRIED',
    'mother.educationalAttainment': 'POST_SECONDARY_ISCED_4',
    'mother.occupation': 'Teacher',
    'mother.previousBirths': 1,
    'father.name': { firstname: 'Bwalya', surname: 'Mulenga' },
    'father.dob': '1991-08-30',
    'father.nationality': 'FAR',
    'father.idType': 'NATIONAL_ID',
    'father.nid': '0987654321',
    'father.addressSameAs': 'YES',
    'father.maritalStatus': 'MARRIED',
    'father.educationalAttainment': 'FIRST_STAGE_TERTIARY_ISCED_5',
    'father.occupation': 'Farmer',
    'documents.proofOfBirth': pdf('birth-notification.pdf'),
    'documents.proofOfMother': [{ ...jpeg('mother-id.jpg'), option: 'NATIONAL_ID' }],
    'documents.proofOfFather': [{ ...jpeg('father-id.jpg'), option: 'NATIONAL_ID' }],
    'review.comment': 'Declared at the hospital before discharge.',
    'review.signature': { path: '/files/signature.png', originalFilename: 'signature.png', type: 'image/png' },
  };
}

/**
 * A son declares his father's death at Ibombo District Hospital last month, certified by a physician; the
 * widow's details are given.
 */
export function completeDeath(): Record<string, unknown> {
  return {
    'deceased.name': { firstname: 'Joseph', surname: 'Phiri' },
    'deceased.gender': 'male',
    'deceased.dob': '1948-11-02',
    'deceased.nationality': 'FAR',
    'deceased.idType': 'NATIONAL_ID',
    'deceased.nid': '1122334455',
    'deceased.maritalStatus': 'MARRIED',
    'deceased.numberOfDependants': 1,
    'deceased.address': ibomboAddress,
    'eventDetails.date': '2025-05-20',
    'eventDetails.placeOfDeath': 'HEALTH_FACILITY',
    'eventDetails.deathLocation': IBOMBO_DISTRICT_HOSPITAL,
    'eventDetails.mannerOfDeath': 'MANNER_NATURAL',
    'eventDetails.causeOfDeathEstablished': true,
    'eventDetails.sourceCauseDeath': 'PHYSICIAN',
    'medicalCertificate.causeA': 'Acute myocardial infarction',
    'medicalCertificate.intervalA': { numericValue: 2, unit: 'HOURS' },
    'medicalCertificate.causeB': 'Coronary artery disease',
    'medicalCertificate.intervalB': { numericValue: 6, unit: 'YEARS' },
    'medicalCertificate.otherConditions': 'Type 2 diabetes',
    'informant.relation': 'SON',
    'informant.name': { firstname: 'Daniel', surname: 'Phiri' },
    'informant.dob': '1976-04-18',
    'informant.nationality': 'FAR',
    'informant.idType': 'NATIONAL_ID',
    'informant.nid': '5566778899',
    'informant.address': ibomboAddress,
    'informant.phoneNo': '0976543210',
    'informant.email': 'daniel.phiri@example.com',
    'spouse.name': { firstname: 'Ruth', surname: 'Phiri' },
    'spouse.dobUnknown': true,
    'spouse.age': 72,
    'spouse.nationality': 'FAR',
    'spouse.idType': 'PASSPORT',
    'spouse.passport': 'FA1234567',
    'spouse.addressSameAs': 'YES',
    'documents.proofOfDeceased': [{ ...jpeg('deceased-id.jpg'), option: 'NATIONAL_ID' }],
    'documents.proofOfInformant': [{ ...jpeg('informant-id.jpg'), option: 'NATIONAL_ID' }],
    'documents.proofOfDeath': [{ ...pdf('hospital-certificate.pdf'), option: 'HOSPITAL_CERTIFICATE_OF_DEATH' }],
    'review.signature': { path: '/files/signature.png', originalFilename: 'signature.png', type: 'image/png' },
  };
}
