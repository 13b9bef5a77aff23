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

/**
 * The documents the fixtures attach, as the files API stores them: `content` (latin1 bytes, each starting with its
 * type's signature) is stored under its SHA-256, so a declaration's `path` names a file that exists once a test
 * seeds or uploads these (farajaland.test.ts checks each hash).
 */
export const FIXTURE_FILES = [
  {
    name: 'birth-notification.pdf',
    type: 'application/pdf',
    content: '%PDF-1.4\n% Lifeline test fixture: birth-notification.pdf\n%%EOF\n',
    sha256: '6b904af039e3544a2feaaca2da8b5864c3a20b41fd00b5cd43a889a201316a2f',
  },
  {
    name: 'hospital-certificate.pdf',
    type: 'application/pdf',
    content: '%PDF-1.4\n% Lifeline test fixture: hospital-certificate.pdf\n%%EOF\n',
    sha256: 'dbb3ac10490958caf36fab7a5cc7960d9ddf30d00cfaf7a5fef0dd8e8357b9cc',
  },
  ...(
    [
      ['mother-id.jpg', '71cba2f35aee733ffec6249ee55ad01f61c5efc593512f3344522524a56b89ff'],
      ['father-id.jpg', 'bc70b6b4e8582c02d7d6d706b9aa748c7846c94baf4834a74da5cb34f14c3b3e'],
      ['deceased-id.jpg', 'b94589cd00f16d729ad69f445a64f174e4abd9ede8278d140ee95e840d9d9448'],
      ['informant-id.jpg', '31ba40bc2da2090a558d1c29d2d831fcdcb82184fe22b66fc5092fe0fcb2be36'],
    ] as const
  ).map(([name, sha256]) => ({
    name,
    type: 'image/jpeg',
    content: `\xff\xd8\xff\xe0 Lifeline test fixture: ${name}`,
    sha256,
  })),
  {
    name: 'signature.png',
    type: 'image/png',
    content: '\x89PNG\r\n\x1a\n Lifeline test fixture: signature.png',
    sha256: 'cb83be559e432277487d03333040217c13c177178a5813a26284ae76410b0187',
  },
];

/** A file value (as a declaration holds it) of one of FIXTURE_FILES. */
export function fixtureFile(name: string): { path: string; originalFilename: string; type: string } {
  const file = FIXTURE_FILES.find((f) => f.name === name);
  if (!file) throw new Error(`no fixture file ${name}`);
  return { path: `/api/files/${file.sha256}`, originalFilename: name, type: file.type };
}

const pdf = fixtureFile;
const jpeg = fixtureFile;

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
    'review.signature': fixtureFile('signature.png'),
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
    'review.signature': fixtureFile('signature.png'),
  };
}

/**
 * A complete Farajaland marriage (Peter Banda and Grace Mwale), married at the Ibombo District Office. Tests set
 * `eventDetails.date` to a recent day (a marriage registered after 30 days needs a reason).
 */
export function completeMarriage(): Record<string, unknown> {
  return {
    'eventDetails.date': '2026-01-10',
    'eventDetails.reasonForLateRegistration': 'The couple registered after the ceremony abroad',
    'eventDetails.typeOfMarriage': 'CIVIL',
    'eventDetails.place': 'xmJJAsGfSTn',
    'groom.name': { firstname: 'Peter', surname: 'Banda' },
    'groom.dob': '1994-03-12',
    'groom.nationality': 'FAR',
    'groom.idType': 'NATIONAL_ID',
    'groom.nid': '3344556677',
    'bride.name': { firstname: 'Grace', surname: 'Mwale' },
    'bride.dob': '1996-07-30',
    'bride.nationality': 'FAR',
    'bride.idType': 'NATIONAL_ID',
    'bride.nid': '7766554433',
    'witnessOne.name': { firstname: 'Moses', surname: 'Tembo' },
    'witnessOne.relationship': 'Friend of the groom',
    'witnessTwo.name': { firstname: 'Alice', surname: 'Zulu' },
    'witnessTwo.relationship': 'Sister of the bride',
    'informant.relation': 'GROOM',
    'informant.email': 'peter.banda@example.com',
  };
}
