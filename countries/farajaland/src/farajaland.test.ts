import { createHash } from 'node:crypto';
import {
  buildCountryConfig,
  CountryConfigError,
  formFields,
  grantedJurisdiction,
  LocationTree,
  parseScope,
  validateDeclaration,
  type EventConfig,
  type FieldConfig,
  type ValidationOptions,
} from '@lifeline/domain';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeBirth, completeDeath, FIXTURE_FILES, FIXTURE_TODAY } from './fixtures.ts';
import { farajalandConfigParts, loadFarajaland } from './index.ts';
import { loadAdministrativeAreas, loadLegacyFacilities } from './locations.ts';
import { RETIRED_STATISTICS_CODES } from './statistics.ts';

const config = loadFarajaland();
const tree = new LocationTree(config.locations);
const event = (id: string) => config.events.find((e) => e.id === id)!;
const birth = event('birth');
const death = event('death');
const complete: ValidationOptions = { mode: 'complete', today: FIXTURE_TODAY, findLocation: (id) => tree.get(id) };
const partial: ValidationOptions = { ...complete, mode: 'partial' };
const errorFields = (e: EventConfig, values: Record<string, unknown>, o = complete) =>
  validateDeclaration(e, values, o).map((err) => err.field);

/** Every field, display fields included. */
const allFields = (e: EventConfig) => e.pages.flatMap((p) => p.fields);
const field = (e: EventConfig, id: string): FieldConfig => {
  const found = allFields(e).find((f) => f.id === id);
  if (!found) throw new Error(`no field ${id} in ${e.id}`);
  return found;
};
const optionValues = (e: EventConfig, id: string) => {
  const f = field(e, id);
  return 'options' in f ? f.options.map((o) => o.value) : [];
};

describe('locations', () => {
  const of = (pred: (l: (typeof config.locations)[number]) => boolean) => config.locations.filter(pred);

  it('has 4 provinces, 16 districts, 63 villages, 82 offices and 13 + 300 facilities', () => {
    expect(of((l) => l.type === 'ADMIN_AREA' && l.level === 1)).toHaveLength(4);
    expect(of((l) => l.type === 'ADMIN_AREA' && l.level === 2)).toHaveLength(16);
    expect(of((l) => l.type === 'ADMIN_AREA' && l.level === 3)).toHaveLength(63);
    expect(of((l) => l.type === 'CRVS_OFFICE')).toHaveLength(82);
    expect(of((l) => l.type === 'HEALTH_FACILITY')).toHaveLength(313);
    expect(new Set(config.locations.map((l) => l.id)).size).toBe(config.locations.length);
  });

  it('uses the Pcodes as ids and links each level to the one above', () => {
    expect(tree.get('WoNZq5uKPT0')).toMatchObject({ name: 'Central', level: 1, parentId: null });
    expect(tree.get('RNblUNSnSpQ')).toMatchObject({ name: 'Ibombo', level: 2, parentId: 'WoNZq5uKPT0' });
    expect(tree.get('IkYcYBUcyY2')).toMatchObject({ name: 'Klow', level: 3, parentId: 'RNblUNSnSpQ' });
    // The unnamed village of Chibiya's row is not an area: its code is Chibiya's retired one.
    expect(tree.get('R22tRIhdm5Y')).toBeUndefined();
  });

  it('puts HQ and embassies at the top and other offices in their area', () => {
    expect(tree.get('LHUYvwY2Aq1')).toMatchObject({ name: 'HQ Office', type: 'CRVS_OFFICE', parentId: null });
    expect(tree.get('QrJy3W76BGd')?.parentId).toBeNull();
    expect(tree.get('xmJJAsGfSTn')).toMatchObject({ name: 'Ibombo District Office', parentId: 'RNblUNSnSpQ' });
  });

  it('places the 300 older facilities in the current district of the same name', () => {
    // Chamakubi Health Post: v1.9 Ibombo (oEBf29y8JP8) -> current Ibombo.
    expect(tree.get('pXhz0PLiYZX')).toMatchObject({ type: 'HEALTH_FACILITY', parentId: 'RNblUNSnSpQ' });
    const legacy = farajalandConfigParts().find((p) => p.file.endsWith('health-facilities-300.csv'))!;
    const facilities = legacy.data as Array<{ id: string; parentId: string }>;
    expect(facilities).toHaveLength(300);
    expect(facilities.every((f) => tree.get(f.parentId)?.type === 'ADMIN_AREA')).toBe(true);
    // Pualula's districts are unnamed in the data: its 74 older facilities can only be placed in the province.
    expect(facilities.filter((f) => f.parentId === 'o44wEmWlYr8')).toHaveLength(74);
  });
});

describe('statistics', () => {
  it('has one row per known area and year, skipping the five retired codes', () => {
    expect(config.statistics).toHaveLength(15 * 19);
    expect(config.statistics.every((s) => tree.get(s.locationId)?.type === 'ADMIN_AREA')).toBe(true);
    expect(config.statistics.some((s) => RETIRED_STATISTICS_CODES.has(s.locationId))).toBe(false);
    expect(config.statistics.find((s) => s.locationId === 'RNblUNSnSpQ' && s.year === 2025)).toEqual({
      locationId: 'RNblUNSnSpQ',
      year: 2025,
      malePopulation: expect.any(Number),
      femalePopulation: expect.any(Number),
      population: expect.any(Number),
      crudeBirthRate: expect.any(Number),
    });
  });
});

describe('employees and roles', () => {
  it('has 54 employees, all in an existing office or facility, with a known role', () => {
    expect(config.employees).toHaveLength(54);
    const roleIds = new Set(config.roles.map((r) => r.id));
    for (const e of config.employees) {
      expect(['CRVS_OFFICE', 'HEALTH_FACILITY']).toContain(tree.get(e.primaryOfficeId)?.type);
      expect(roleIds.has(e.role)).toBe(true);
    }
    expect(config.employees.find((e) => e.username === 'k.bwalya')).toMatchObject({
      role: 'HOSPITAL_CLERK',
      primaryOfficeId: 't0qT1Vh8qi3',
    });
  });

  it('has the 10 roles, with scopes that parse', () => {
    expect(config.roles.map((r) => r.id).sort()).toEqual(
      [
        'HOSPITAL_CLERK',
        'COMMUNITY_LEADER',
        'REGISTRATION_AGENT',
        'LOCAL_REGISTRAR',
        'PROVINCIAL_REGISTRAR',
        'NATIONAL_REGISTRAR',
        'EMBASSY_OFFICIAL',
        'LOCAL_SYSTEM_ADMIN',
        'NATIONAL_SYSTEM_ADMIN',
        'PERFORMANCE_MANAGER',
      ].sort(),
    );
    for (const role of config.roles) expect(() => role.scopes.map(parseScope)).not.toThrow();
  });

  it('grants what each role needs, where it needs it', () => {
    const scopesOf = (id: string) => config.roles.find((r) => r.id === id)!.scopes.map(parseScope);
    const grant = (role: string, name: Parameters<typeof grantedJurisdiction>[1], ev?: string) =>
      grantedJurisdiction(scopesOf(role), name, ev);
    expect(grant('HOSPITAL_CLERK', 'record.declare', 'birth')).toBe('office');
    expect(grant('HOSPITAL_CLERK', 'record.search', 'death')).toBe('area');
    expect(grant('COMMUNITY_LEADER', 'record.declare', 'birth')).toBeNull();
    expect(grant('REGISTRATION_AGENT', 'record.validate', 'death')).toBe('area');
    expect(grant('REGISTRATION_AGENT', 'record.register', 'birth')).toBeNull();
    expect(grant('LOCAL_REGISTRAR', 'record.register', 'birth')).toBe('area');
    expect(grant('LOCAL_REGISTRAR', 'profile.electronic-signature')).not.toBeNull();
    expect(grant('PROVINCIAL_REGISTRAR', 'record.correct', 'death')).toBe('area');
    expect(grant('NATIONAL_REGISTRAR', 'record.register', 'death')).toBe('all');
    expect(grant('NATIONAL_REGISTRAR', 'performance.vital-statistics-export')).toBe('all');
    expect(grant('EMBASSY_OFFICIAL', 'record.print-certified-copies', 'birth')).toBe('office');
    expect(grant('LOCAL_SYSTEM_ADMIN', 'user.create')).toBe('area');
    expect(grant('NATIONAL_SYSTEM_ADMIN', 'user.create')).toBe('all');
    expect(grant('NATIONAL_SYSTEM_ADMIN', 'record.reindex')).not.toBeNull();
    expect(grant('PERFORMANCE_MANAGER', 'performance.read-dashboards')).toBe('all');
    expect(grant('PERFORMANCE_MANAGER', 'record.read', 'birth')).toBeNull();
  });
});

// Field ids of FORMS.md, which integrators and outside tests rely on.
const BIRTH_IDS = [
  ...['name', 'gender', 'dob', 'reason', 'placeOfBirth', 'birthLocation', 'birthLocation.privateHome'].map(
    (f) => `child.${f}`,
  ),
  ...['birthLocation.other', 'attendantAtBirth', 'birthType', 'weightAtBirth'].map((f) => `child.${f}`),
  ...['relation', 'other.relation', 'name', 'dob', 'dobUnknown', 'age', 'nationality', 'idType', 'nid'].map(
    (f) => `informant.${f}`,
  ),
  ...['passport', 'brn', 'address', 'phoneNo', 'email'].map((f) => `informant.${f}`),
  ...['mother', 'father'].flatMap((p) =>
    ['detailsNotAvailable', 'reason', 'name', 'dob', 'dobUnknown', 'age', 'nationality', 'idType', 'nid', 'passport']
      .concat(['brn', 'address', 'maritalStatus', 'educationalAttainment', 'occupation'])
      .map((f) => `${p}.${f}`),
  ),
  'mother.previousBirths',
  'father.addressSameAs',
  ...['proofOfBirth', 'proofOfMother', 'proofOfFather', 'proofOfInformant', 'proofOther'].map((f) => `documents.${f}`),
  'review.comment',
  'review.signature',
];
const DEATH_IDS = [
  ...['name', 'gender', 'dob', 'dobUnknown', 'age', 'nationality', 'idType', 'nid', 'passport', 'brn'].map(
    (f) => `deceased.${f}`,
  ),
  ...['maritalStatus', 'numberOfDependants', 'address'].map((f) => `deceased.${f}`),
  ...['date', 'reasonForLateRegistration', 'placeOfDeath', 'deathLocation', 'deathLocationOther'].map(
    (f) => `eventDetails.${f}`,
  ),
  ...['mannerOfDeath', 'causeOfDeathEstablished', 'sourceCauseDeath', 'description'].map((f) => `eventDetails.${f}`),
  ...['A', 'B', 'C', 'D'].flatMap((l) => [`medicalCertificate.cause${l}`, `medicalCertificate.interval${l}`]),
  'medicalCertificate.otherConditions',
  ...['relation', 'name', 'dob', 'dobUnknown', 'age', 'nationality', 'idType', 'nid', 'address'].map(
    (f) => `informant.${f}`,
  ),
  'informant.phoneNo',
  'informant.email',
  ...['detailsNotAvailable', 'reason', 'name', 'dob', 'dobUnknown', 'age', 'nationality', 'idType', 'nid'].map(
    (f) => `spouse.${f}`,
  ),
  'spouse.addressSameAs',
  'spouse.address',
  ...['proofOfDeceased', 'proofOfInformant', 'proofOfDeath', 'proofOfCauseOfDeath'].map((f) => `documents.${f}`),
  'review.comment',
  'review.signature',
];

describe('forms', () => {
  it.each([
    ['birth', BIRTH_IDS],
    ['death', DEATH_IDS],
  ])('%s has every field id of FORMS.md', (id, ids) => {
    const present = new Set(formFields(event(id)).map(({ field: f }) => f.id));
    expect(ids.filter((i) => !present.has(i))).toEqual([]);
  });

  it('has the option values of FORMS.md', () => {
    expect(optionValues(birth, 'child.gender')).toEqual(['male', 'female', 'unknown']);
    expect(optionValues(birth, 'child.placeOfBirth')).toEqual(['HEALTH_FACILITY', 'PRIVATE_HOME', 'OTHER']);
    expect(optionValues(birth, 'child.birthType')).toContain('HIGHER_MULTIPLE_DELIVERY');
    expect(optionValues(birth, 'child.attendantAtBirth')).toContain('TRADITIONAL_BIRTH_ATTENDANT');
    expect(optionValues(birth, 'informant.relation')).toEqual([
      'MOTHER',
      'FATHER',
      'GRANDFATHER',
      'GRANDMOTHER',
      'BROTHER',
      'SISTER',
      'LEGAL_GUARDIAN',
      'OTHER',
    ]);
    expect(optionValues(birth, 'mother.idType')).toEqual([
      'NATIONAL_ID',
      'PASSPORT',
      'BIRTH_REGISTRATION_NUMBER',
      'NONE',
    ]);
    expect(optionValues(birth, 'father.maritalStatus')).toEqual([
      'SINGLE',
      'MARRIED',
      'WIDOWED',
      'DIVORCED',
      'SEPARATED',
      'NOT_STATED',
    ]);
    expect(optionValues(birth, 'documents.proofOther')).toEqual([
      'PROOF_OF_LEGAL_GUARDIANSHIP',
      'PROOF_OF_ASSIGNED_RESPONSIBILITY',
    ]);
    expect(optionValues(death, 'eventDetails.placeOfDeath')).toEqual([
      'HEALTH_FACILITY',
      'DECEASED_USUAL_RESIDENCE',
      'OTHER',
    ]);
    expect(optionValues(death, 'eventDetails.sourceCauseDeath')).toEqual([
      'PHYSICIAN',
      'LAY_REPORTED',
      'VERBAL_AUTOPSY',
      'MEDICALLY_CERTIFIED',
    ]);
    expect(optionValues(death, 'informant.relation')).toHaveLength(10);
    expect(optionValues(death, 'documents.proofOfDeath')).toContain('CORONERS_REPORT');
    const interval = field(death, 'medicalCertificate.intervalA');
    expect(interval.type === 'NUMBER_WITH_UNIT' && interval.units.map((u) => u.value)).toEqual([
      'MINUTES',
      'HOURS',
      'DAYS',
      'WEEKS',
      'MONTHS',
      'YEARS',
    ]);
  });

  it('marks the required fields of FORMS.md as required', () => {
    const required = (e: EventConfig, ids: string[]) => ids.filter((i) => !field(e, i).required);
    expect(required(birth, ['child.name', 'child.gender', 'child.dob', 'child.reason', 'child.placeOfBirth'])).toEqual(
      [],
    );
    expect(required(birth, ['child.birthLocation', 'child.birthLocation.privateHome', 'informant.email'])).toEqual([]);
    expect(required(birth, ['mother.reason', 'mother.nid', 'mother.address', 'father.addressSameAs'])).toEqual([]);
    expect(required(death, ['eventDetails.date', 'eventDetails.sourceCauseDeath', 'spouse.address'])).toEqual([]);
    expect(field(birth, 'child.attendantAtBirth').required).toBeFalsy();
  });

  it('labels everything in English and French', () => {
    const missing: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (['label', 'title', 'message', 'helpText', 'unit'].includes(key)) {
            const text = v as Record<string, string>;
            if (!text.en || !text.fr) missing.push(`${path}.${key}`);
          } else walk(v, `${path}.${key}`);
        }
      }
    };
    walk(config.events, 'events');
    walk(config.roles, 'roles');
    expect(missing).toEqual([]);
  });
});

describe('birth declarations', () => {
  it('accepts a complete declaration', () => {
    expect(validateDeclaration(birth, completeBirth(), complete)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing child name', { 'child.name': undefined }, 'child.name'],
    ['a date of birth in the future', { 'child.dob': '2025-07-01' }, 'child.dob'],
    ['a mother born 10 years before the child', { 'mother.dob': '2015-06-01' }, 'mother.dob'],
    ['a malformed national ID', { 'mother.nid': '123' }, 'mother.nid'],
    ['an unknown field', { 'child.favouriteColour': 'blue' }, 'child.favouriteColour'],
    [
      'a home address for a facility birth',
      {
        'child.birthLocation.privateHome': {
          country: 'FAR',
          addressType: 'DOMESTIC',
          administrativeArea: 'IkYcYBUcyY2',
        },
      },
      'child.birthLocation.privateHome',
    ],
    ['the same national ID for mother and father', { 'father.nid': '1234567890' }, 'father.nid'],
    ['a father born after the child', { 'father.dob': '2025-06-02' }, 'father.dob'],
    ['a weight over 6 kg', { 'child.weightAtBirth': 7 }, 'child.weightAtBirth'],
    ['an office as place of birth', { 'child.birthLocation': 'xmJJAsGfSTn' }, 'child.birthLocation'],
    [
      'a delayed registration without a reason',
      { 'child.dob': '2024-01-10', 'mother.dob': '1990-01-01' },
      'child.reason',
    ],
  ])('rejects %s', (_, change, expected) => {
    expect(errorFields(birth, { ...completeBirth(), ...change })).toContain(expected);
  });

  it('says why a mother is too young, in the requested language', () => {
    const values = { ...completeBirth(), 'mother.dob': '2015-06-01' };
    expect(validateDeclaration(birth, values, complete)[0].message).toMatch(/18 years/);
    expect(validateDeclaration(birth, values, { ...complete, language: 'fr' })[0].message).toMatch(/18 ans/);
  });

  it('asks the informant details and the missing mother reason when the informant is not a parent', () => {
    const values = { ...completeBirth(), 'informant.relation': 'GRANDMOTHER', 'mother.detailsNotAvailable': true };
    const fields = errorFields(birth, values);
    expect(fields).toEqual(expect.arrayContaining(['informant.name', 'informant.idType', 'mother.reason']));
    // The mother's details are now hidden: giving them is an error rather than silently kept.
    expect(fields).toContain('mother.nid');
  });

  it('asks the father address only when it is not the mother one', () => {
    expect(errorFields(birth, { ...completeBirth(), 'father.addressSameAs': 'NO' })).toContain('father.address');
  });

  it('accepts an incomplete declaration in partial mode but still checks the form of values', () => {
    const draft = { 'child.name': { firstname: 'Chanda' }, 'child.dob': '2025-06-01' };
    expect(validateDeclaration(birth, draft, partial)).toEqual([]);
    expect(errorFields(birth, { ...draft, 'child.dob': '2025-02-30' }, partial)).toEqual(['child.dob']);
  });
});

describe('death declarations', () => {
  it('accepts a complete declaration', () => {
    expect(validateDeclaration(death, completeDeath(), complete)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a deceased born after the death', { 'deceased.dob': '2025-05-21' }, 'deceased.dob'],
    [
      'an age over 120',
      { 'deceased.dob': undefined, 'deceased.dobUnknown': true, 'deceased.age': 121 },
      'deceased.age',
    ],
    [
      'a late registration without a reason',
      { 'eventDetails.date': '2025-04-01' },
      'eventDetails.reasonForLateRegistration',
    ],
    ['the same national ID for deceased and informant', { 'informant.nid': '1122334455' }, 'informant.nid'],
    [
      'a certificate for a lay reported cause',
      { 'eventDetails.sourceCauseDeath': 'LAY_REPORTED' },
      'medicalCertificate.causeA',
    ],
    [
      'a lay reported cause without description',
      { 'eventDetails.sourceCauseDeath': 'LAY_REPORTED' },
      'eventDetails.description',
    ],
    [
      'an unknown interval unit',
      { 'medicalCertificate.intervalA': { numericValue: 2, unit: 'DECADES' } },
      'medicalCertificate.intervalA',
    ],
  ])('rejects %s', (_, change, expected) => {
    expect(errorFields(death, { ...completeDeath(), ...change })).toContain(expected);
  });

  it('accepts a death on the day of birth', () => {
    expect(validateDeclaration(death, { ...completeDeath(), 'deceased.dob': '2025-05-20' }, complete)).toEqual([]);
  });
});

describe('config errors', () => {
  it('names the file and the field of a broken part', () => {
    const parts = farajalandConfigParts().map((p) => {
      if (!p.file.endsWith('forms/birth.ts')) return p;
      const data = structuredClone(p.data) as EventConfig;
      const gender = data.pages[0].fields.find((f) => f.id === 'child.gender') as { options: unknown[] };
      gender.options = [];
      return { ...p, data };
    });
    let error: unknown;
    try {
      buildCountryConfig(parts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CountryConfigError);
    expect((error as Error).message).toContain('countries/farajaland/src/forms/birth.ts');
    expect((error as Error).message).toContain('pages[0].fields[1].options');
  });

  it('stops on an older facility whose district cannot be found, naming the CSV line', () => {
    const renamed = loadAdministrativeAreas().map((a) => (a.id === 'RNblUNSnSpQ' ? { ...a, name: 'Ibombo Old' } : a));
    expect(() => loadLegacyFacilities(renamed)).toThrow(CountryConfigError);
    expect(() => loadLegacyFacilities(renamed)).toThrow(/health-facilities-300\.csv at line 2\.partOf/);
  });

  it('loads quickly', () => {
    const start = performance.now();
    loadFarajaland();
    expect(performance.now() - start).toBeLessThan(300);
  });
});

describe("the fixtures' documents", () => {
  it('are named by the SHA-256 of their bytes, as the files API stores them', () => {
    for (const file of FIXTURE_FILES) {
      expect(createHash('sha256').update(Buffer.from(file.content, 'latin1')).digest('hex'), file.name).toBe(
        file.sha256,
      );
    }
  });
});

describe('map.geojson', () => {
  it('draws each province once, matched by name; the unnamed copies are dropped', () => {
    const config = loadFarajaland();
    const map = config.vitalStatistics!.map!;
    const provinces = config.locations.filter((l) => l.level === 1);
    expect(map.level).toBe(1);
    expect(map.features.map((f) => f.areaId).sort()).toEqual(provinces.map((p) => p.id).sort());
    const raw = JSON.parse(readFileSync(new URL('../data/map.geojson', import.meta.url), 'utf8')) as {
      features: Array<{ properties: { State?: string }; geometry: unknown }>;
    };
    expect(raw.features).toHaveLength(8);
    for (const f of map.features) {
      const name = provinces.find((p) => p.id === f.areaId)!.name;
      const source = raw.features.find((r) => r.properties.State === name);
      expect(source?.geometry, name).toEqual(f.geometry);
    }
  });
});
