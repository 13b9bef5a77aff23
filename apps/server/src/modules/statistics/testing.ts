import { expect, vi } from 'vitest';
import { birthDeclaration, daysAgo, deathDeclaration } from '../../test/declarations.ts';
import type { Tokens } from '../../test/harness.ts';
import type { recordsClient } from '../../test/records.ts';

/**
 * A seeded set for statistics tests: records registered through the real API on chosen days (the clock is set back
 * for each registration), and what each should count as, written out by hand from the Farajaland geography, the
 * forms and the timeliness limits (30 / 365 days for births, 45 for deaths), not from the server's code.
 */

export const AREAS = {
  central: 'WoNZq5uKPT0',
  sulaka: 'EdAHjSJkuLb',
  ibombo: 'RNblUNSnSpQ',
  isamba: 'Qxj1vERd9JJ',
  ilanga: 'g9bEobgzisg',
  klow: 'IkYcYBUcyY2',
  mbula: 'osEbKjRc9Kg',
  sabuni: '9qWCA79ISjs',
} as const;

export const OFFICES = {
  hq: 'LHUYvwY2Aq1',
  central: 'eF8mK8JAMKZ',
  ibombo: 'xmJJAsGfSTn',
  ilanga: 'Ap0mxDoJJ9s',
} as const;

/** Where each place lies: [province, district, village or null]. */
const PLACES: Record<string, { province: string; district: string; village: string | null; facility: boolean }> = {
  t0qT1Vh8qi3: { province: AREAS.central, district: AREAS.ibombo, village: null, facility: true }, // Ibombo District Hospital
  R2i8nqg83Y0: { province: AREAS.central, district: AREAS.isamba, village: null, facility: true }, // Isamba District Hospital
  '8OrJQUdLE4r': { province: AREAS.sulaka, district: AREAS.ilanga, village: null, facility: true }, // Ilanga District Hospital
  [AREAS.klow]: { province: AREAS.central, district: AREAS.ibombo, village: AREAS.klow, facility: false },
  [AREAS.mbula]: { province: AREAS.central, district: AREAS.isamba, village: AREAS.mbula, facility: false },
  [AREAS.sabuni]: { province: AREAS.sulaka, district: AREAS.ilanga, village: AREAS.sabuni, facility: false },
};

export type Registrar = 'k.mweene' | 'm.owen' | 'c.lungu' | 'k.mwale';
export const REGISTRAR_OFFICE: Record<Registrar, string> = {
  'k.mweene': OFFICES.ibombo,
  'm.owen': OFFICES.central,
  'c.lungu': OFFICES.hq,
  'k.mwale': OFFICES.ilanga,
};

export interface Fixture {
  type: 'birth' | 'death';
  registrar: Registrar;
  /** Days before today the record is registered, and the event happened before that. */
  registeredDaysAgo: number;
  eventDaysBeforeRegistration: number;
  sex: 'female' | 'male' | 'unknown';
  /** A facility id, or a village id for a birth at home / a death at the usual residence. */
  place: string;
  /** Births: the mother's age at the birth (by date of birth), or `{ age }` as declared without one. */
  mother?: number | { age: number };
  weight?: number;
  /** Deaths: days the deceased lived (by date of birth). */
  deceasedDays?: number;
  /** Deaths: the certified causes, lines a to d. */
  causes?: string[];
  /** Declared this many days before the registration (else declared and registered at once). */
  declaredDaysBefore?: number;
}

const Y = 365.25;
/** The seeded set. Registration days: about 13 months, 7 months, 2 months ago, and this week. */
export const FIXTURES: Fixture[] = [
  {
    type: 'birth',
    registrar: 'k.mweene',
    registeredDaysAgo: 400,
    eventDaysBeforeRegistration: 5,
    sex: 'female',
    place: 't0qT1Vh8qi3',
    mother: 24,
  },
  {
    type: 'birth',
    registrar: 'k.mweene',
    registeredDaysAgo: 400,
    eventDaysBeforeRegistration: 40,
    sex: 'male',
    place: AREAS.klow,
    mother: 31,
    declaredDaysBefore: 20,
  },
  {
    type: 'birth',
    registrar: 'm.owen',
    registeredDaysAgo: 210,
    eventDaysBeforeRegistration: 20,
    sex: 'female',
    place: 'R2i8nqg83Y0',
    mother: { age: 16 },
  },
  {
    type: 'birth',
    registrar: 'm.owen',
    registeredDaysAgo: 210,
    eventDaysBeforeRegistration: 400,
    sex: 'male',
    place: AREAS.mbula,
    mother: 38,
  },
  {
    type: 'birth',
    registrar: 'k.mwale',
    registeredDaysAgo: 210,
    eventDaysBeforeRegistration: 2,
    sex: 'female',
    place: '8OrJQUdLE4r',
    mother: 60,
    weight: 3.1,
  },
  {
    type: 'birth',
    registrar: 'k.mweene',
    registeredDaysAgo: 60,
    eventDaysBeforeRegistration: 30,
    sex: 'female',
    place: 't0qT1Vh8qi3',
    mother: 27,
    weight: 0.3,
  },
  {
    type: 'birth',
    registrar: 'k.mweene',
    registeredDaysAgo: 60,
    eventDaysBeforeRegistration: 31,
    sex: 'male',
    place: 't0qT1Vh8qi3',
    mother: 45,
    declaredDaysBefore: 5,
  },
  {
    type: 'birth',
    registrar: 'c.lungu',
    registeredDaysAgo: 60,
    eventDaysBeforeRegistration: 800,
    sex: 'unknown',
    place: AREAS.sabuni,
    mother: 29,
  },
  {
    type: 'birth',
    registrar: 'k.mwale',
    registeredDaysAgo: 3,
    eventDaysBeforeRegistration: 10,
    sex: 'male',
    place: AREAS.sabuni,
    mother: { age: 52 },
  },
  {
    type: 'birth',
    registrar: 'c.lungu',
    registeredDaysAgo: 3,
    eventDaysBeforeRegistration: 1,
    sex: 'female',
    place: 'R2i8nqg83Y0',
    mother: 19,
  },
  {
    type: 'birth',
    registrar: 'k.mweene',
    registeredDaysAgo: 3,
    eventDaysBeforeRegistration: 100,
    sex: 'female',
    place: AREAS.klow,
    mother: 33,
  },
  {
    type: 'birth',
    registrar: 'm.owen',
    registeredDaysAgo: 3,
    eventDaysBeforeRegistration: 3,
    sex: 'male',
    place: 't0qT1Vh8qi3',
    mother: 22,
  },
  {
    type: 'death',
    registrar: 'k.mweene',
    registeredDaysAgo: 400,
    eventDaysBeforeRegistration: 10,
    sex: 'male',
    place: 't0qT1Vh8qi3',
    deceasedDays: Math.round(72.5 * Y),
    causes: ['Acute myocardial infarction', 'I25.1 Atherosclerotic heart disease'],
  },
  {
    type: 'death',
    registrar: 'c.lungu',
    registeredDaysAgo: 210,
    eventDaysBeforeRegistration: 90,
    sex: 'female',
    place: AREAS.sabuni,
    deceasedDays: 100,
  },
  {
    type: 'death',
    registrar: 'm.owen',
    registeredDaysAgo: 60,
    eventDaysBeforeRegistration: 45,
    sex: 'female',
    place: 'R2i8nqg83Y0',
    deceasedDays: Math.round(3.5 * Y),
    causes: ['A09 Diarrhoea and gastroenteritis'],
  },
  {
    type: 'death',
    registrar: 'k.mweene',
    registeredDaysAgo: 3,
    eventDaysBeforeRegistration: 46,
    sex: 'male',
    place: AREAS.klow,
    deceasedDays: Math.round(88.2 * Y),
  },
  {
    type: 'death',
    registrar: 'k.mwale',
    registeredDaysAgo: 3,
    eventDaysBeforeRegistration: 2,
    sex: 'male',
    place: '8OrJQUdLE4r',
    deceasedDays: Math.round(41.3 * Y),
    causes: ['Road traffic injury', 'V89.2 Person injured in motor-vehicle accident'],
  },
];

/** A calendar date `days` before `date`. */
export function before(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The facts of a fixture as the statistics should count them, worked out here independently. */
export function expected(f: Fixture) {
  const registeredOn = daysAgo(f.registeredDaysAgo);
  const eventDate = before(registeredOn, f.eventDaysBeforeRegistration);
  const days = f.eventDaysBeforeRegistration;
  const timeliness =
    f.type === 'birth' ? (days <= 30 ? 'ON_TIME' : days <= 365 ? 'LATE' : 'DELAYED') : days <= 45 ? 'ON_TIME' : 'LATE';
  const place = PLACES[f.place];
  const placeType = place.facility
    ? 'HEALTH_FACILITY'
    : f.type === 'birth'
      ? 'PRIVATE_HOME'
      : 'DECEASED_USUAL_RESIDENCE';
  const motherAge = f.mother === undefined ? null : typeof f.mother === 'number' ? f.mother : f.mother.age;
  const group5 = (age: number) => `${Math.floor(age / 5) * 5}-${Math.floor(age / 5) * 5 + 4}`;
  const motherAgeGroup =
    motherAge === null ? null : motherAge < 15 ? '<15' : motherAge >= 50 ? '50+' : group5(motherAge);
  const deceasedAge = f.deceasedDays === undefined ? null : Math.floor(f.deceasedDays / Y);
  const ageGroup =
    deceasedAge === null
      ? null
      : deceasedAge < 1
        ? '<1'
        : deceasedAge < 5
          ? '1-4'
          : deceasedAge >= 85
            ? '85+'
            : group5(deceasedAge);
  return {
    ...f,
    registeredOn,
    month: registeredOn.slice(0, 7),
    eventDate,
    timeliness,
    placeType,
    province: place.province,
    district: place.district,
    office: REGISTRAR_OFFICE[f.registrar],
    motherAgeGroup,
    ageGroup,
  };
}
export type Expected = ReturnType<typeof expected>;

/** Count by a key, as the API's rows: sorted by key. */
export function countBy<T>(items: T[], key: (item: T) => string): Array<{ key: string; count: number }> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function declarationOf(f: Fixture, eventDate: string): Record<string, unknown> {
  const home = (village: string) => ({
    country: 'FAR',
    addressType: 'DOMESTIC',
    administrativeArea: village,
    town: 'Town',
  });
  const facility = PLACES[f.place].facility;
  if (f.type === 'birth') {
    const mother =
      f.mother === undefined
        ? {}
        : typeof f.mother === 'number'
          ? { 'mother.dob': before(eventDate, Math.round(f.mother * Y + 100)) }
          : { 'mother.dob': undefined, 'mother.dobUnknown': true, 'mother.age': f.mother.age };
    return birthDeclaration({
      'child.gender': f.sex,
      'child.dob': eventDate,
      ...(f.eventDaysBeforeRegistration > 365 ? { 'child.reason': 'Born far from an office' } : {}),
      'child.placeOfBirth': facility ? 'HEALTH_FACILITY' : 'PRIVATE_HOME',
      'child.birthLocation': facility ? f.place : undefined,
      ...(facility ? {} : { 'child.birthLocation.privateHome': home(f.place) }),
      'child.weightAtBirth': f.weight ?? 3.2,
      ...mother,
    });
  }
  const causes = f.causes ?? [];
  const certified = causes.length > 0;
  return deathDeclaration({
    'deceased.gender': f.sex,
    'deceased.dob': before(eventDate, f.deceasedDays ?? 20000),
    'eventDetails.date': eventDate,
    ...(f.eventDaysBeforeRegistration > 45 ? { 'eventDetails.reasonForLateRegistration': 'Far away' } : {}),
    'eventDetails.placeOfDeath': facility ? 'HEALTH_FACILITY' : 'DECEASED_USUAL_RESIDENCE',
    'eventDetails.deathLocation': facility ? f.place : undefined,
    'deceased.address': home(facility ? AREAS.klow : f.place),
    'eventDetails.sourceCauseDeath': certified ? 'PHYSICIAN' : 'LAY_REPORTED',
    ...(certified ? {} : { 'eventDetails.description': 'Old age' }),
    'medicalCertificate.causeA': causes[0],
    'medicalCertificate.intervalA': causes[0] ? { numericValue: 2, unit: 'HOURS' } : undefined,
    'medicalCertificate.causeB': causes[1],
    'medicalCertificate.intervalB': causes[1] ? { numericValue: 6, unit: 'YEARS' } : undefined,
    'medicalCertificate.otherConditions': undefined,
  });
}

export interface Seeded {
  fixture: Expected;
  id: string;
  trackingId: string;
  registrationNumber: string;
  declaration: Record<string, unknown>;
}

/**
 * Register every fixture through the API, each with the clock set to 10:00 in Farajaland on its day of
 * registration (tokens issued now stay valid: only their expiry is checked).
 */
export async function seed(api: ReturnType<typeof recordsClient>, as: Record<Registrar, Tokens>): Promise<Seeded[]> {
  const seeded: Seeded[] = [];
  const fixtures = FIXTURES.map(expected);
  try {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (const fixture of fixtures) {
      vi.setSystemTime(new Date(`${fixture.registeredOn}T08:00:00Z`));
      const declaration = declarationOf(fixture, fixture.eventDate);
      const tokens = as[fixture.registrar];
      const created = (await api.create(tokens, fixture.type)).json();
      if (fixture.declaredDaysBefore) {
        vi.setSystemTime(new Date(`${before(fixture.registeredOn, fixture.declaredDaysBefore)}T08:00:00Z`));
        const declared = await api.act(tokens, created.id, 'DECLARE', { declaration });
        expect(declared.statusCode, declared.body).toBe(200);
        vi.setSystemTime(new Date(`${fixture.registeredOn}T08:00:00Z`));
      }
      const res = await api.act(tokens, created.id, 'REGISTER', fixture.declaredDaysBefore ? {} : { declaration });
      expect(res.statusCode, res.body).toBe(200);
      const doc = res.json();
      seeded.push({
        fixture,
        id: doc.id,
        trackingId: doc.trackingId,
        registrationNumber: doc.registrationNumber,
        declaration,
      });
    }
  } finally {
    vi.useRealTimers();
  }
  return seeded;
}
