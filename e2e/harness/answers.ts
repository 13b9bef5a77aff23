import { daysAgo } from './api.ts';
import { sampleFiles, type Answers } from './form.ts';

const klow = { areas: ['Central', 'Ibombo', 'Klow'], town: 'Klow', street: 'Kasama Road', number: '12' };

let serial = 0;
/** A national ID no other journey uses, so duplicate detection sees different people. */
function nationalId(): string {
  serial += 1;
  return String((Date.now() * 10 + serial) % 10_000_000_000).padStart(10, '0');
}

/** A birth declared at the hospital with every detail: child, informant (the mother), both parents, documents. */
export function fullBirth(child: { firstname: string; surname: string }): Answers {
  const files = sampleFiles();
  return {
    'child.name': { firstname: child.firstname, middlename: 'Grace', surname: child.surname },
    'child.gender': 'female',
    'child.dob': daysAgo(3),
    'child.placeOfBirth': 'HEALTH_FACILITY',
    'child.birthLocation': 'Ibombo District Hospital',
    'child.attendantAtBirth': 'MIDWIFE',
    'child.birthType': 'SINGLE',
    'child.weightAtBirth': 3.2,
    'informant.relation': 'MOTHER',
    'informant.phoneNo': '0912345678',
    'informant.email': 'mwila.mulenga@example.com',
    'mother.name': { firstname: 'Mwila', surname: child.surname },
    'mother.dob': '1995-03-12',
    'mother.nationality': 'FAR',
    'mother.idType': 'NATIONAL_ID',
    'mother.nid': nationalId(),
    'mother.address': klow,
    'mother.maritalStatus': 'MARRIED',
    'mother.educationalAttainment': 'POST_SECONDARY_ISCED_4',
    'mother.occupation': 'Teacher',
    'mother.previousBirths': 1,
    'father.name': { firstname: 'Bwalya', surname: child.surname },
    'father.dob': '1991-08-30',
    'father.nationality': 'FAR',
    'father.idType': 'NATIONAL_ID',
    'father.nid': nationalId(),
    'father.addressSameAs': 'YES',
    'father.maritalStatus': 'MARRIED',
    'father.educationalAttainment': 'FIRST_STAGE_TERTIARY_ISCED_5',
    'father.occupation': 'Farmer',
    'documents.proofOfBirth': { file: files.pdf },
    'documents.proofOfMother': { file: files.png, option: 'NATIONAL_ID' },
    'documents.proofOfFather': { file: files.png, option: 'NATIONAL_ID' },
    'review.comment': 'Declared at the hospital before discharge.',
    'review.signature': { signature: true },
  };
}

/** A death at the hospital, certified by a physician, declared by the son, with the widow's details. */
export function fullDeath(deceased: { firstname: string; surname: string }): Answers {
  const files = sampleFiles();
  return {
    'deceased.name': deceased,
    'deceased.gender': 'male',
    'deceased.dob': '1948-11-02',
    'deceased.nationality': 'FAR',
    'deceased.idType': 'NATIONAL_ID',
    'deceased.nid': nationalId(),
    'deceased.maritalStatus': 'MARRIED',
    'deceased.numberOfDependants': 1,
    'deceased.address': klow,
    'eventDetails.date': daysAgo(4),
    'eventDetails.placeOfDeath': 'HEALTH_FACILITY',
    'eventDetails.deathLocation': 'Ibombo District Hospital',
    'eventDetails.mannerOfDeath': 'MANNER_NATURAL',
    'eventDetails.causeOfDeathEstablished': true,
    'eventDetails.sourceCauseDeath': 'PHYSICIAN',
    'medicalCertificate.causeA': 'Acute myocardial infarction',
    'medicalCertificate.intervalA': { numericValue: 2, unit: 'HOURS' },
    'medicalCertificate.otherConditions': 'Type 2 diabetes',
    'informant.relation': 'SON',
    'informant.name': { firstname: 'Daniel', surname: deceased.surname },
    'informant.dob': '1976-04-18',
    'informant.nationality': 'FAR',
    'informant.idType': 'NATIONAL_ID',
    'informant.nid': nationalId(),
    'informant.address': klow,
    'informant.phoneNo': '0976543210',
    'informant.email': 'daniel.phiri@example.com',
    'spouse.name': { firstname: 'Ruth', surname: deceased.surname },
    'spouse.dobUnknown': true,
    'spouse.age': 72,
    'spouse.nationality': 'FAR',
    'spouse.idType': 'PASSPORT',
    'spouse.passport': 'FA1234567',
    'spouse.addressSameAs': 'YES',
    'documents.proofOfDeceased': { file: files.png, option: 'NATIONAL_ID' },
    'documents.proofOfDeath': { file: files.pdf, option: 'HOSPITAL_CERTIFICATE_OF_DEATH' },
    'review.signature': { signature: true },
  };
}
