import { describe, expect, it } from 'vitest';
import { buildCountryConfig, CountryConfigError, type ConfigPart } from './country.ts';

const t = (en: string, fr: string | null = `${en} (fr)`) => (fr === null ? { en } : { en, fr });

const FILES = {
  settings: 'src/settings.ts',
  roles: 'src/roles.ts',
  event: 'src/forms/birth.ts',
  locations: 'data/locations.csv',
  employees: 'data/employees.csv',
};

const settings = () => ({
  countryCode: 'FAR',
  countryName: 'Farajaland',
  languages: ['en', 'fr'],
  defaultLanguage: 'en',
  timeZone: 'Africa/Lusaka',
  currency: { code: 'ZMW' },
  phoneNumberPattern: '^0(7|9)[0-9]{8}$',
  nationalIdPattern: '^[0-9]{10}$',
  registrationNumberFormat: '{eventCode}{year}{seq:7}',
});

const roles = () => [
  { id: 'REGISTRAR', label: t('Registrar'), scopes: ['record.read', 'record.register[event=birth,jurisdiction=area]'] },
  { id: 'CLERK', label: t('Clerk'), scopes: ['record.declare'] },
];

const locations = () => [
  { id: 'central', name: 'Central', type: 'ADMIN_AREA', parentId: null, level: 1 },
  { id: 'ibombo', name: 'Ibombo', type: 'ADMIN_AREA', parentId: 'central', level: 2 },
  { id: 'ibombo-office', name: 'Ibombo Office', type: 'CRVS_OFFICE', parentId: 'ibombo' },
  { id: 'ibombo-hospital', name: 'Ibombo Hospital', type: 'HEALTH_FACILITY', parentId: 'ibombo' },
];

const employees = () => [
  {
    username: 'k.bwalya',
    firstname: 'Kalusha',
    surname: 'Bwalya',
    role: 'REGISTRAR',
    primaryOfficeId: 'ibombo-office',
  },
];

type FieldInput = Record<string, unknown>;
const nameField = (id: string, extra: FieldInput = {}) => ({ id, type: 'NAME', label: t('Name'), ...extra });
const dateField = (id: string, extra: FieldInput = {}) => ({ id, type: 'DATE', label: t('Date'), ...extra });
const locationField = (id: string) => ({ id, type: 'LOCATION', label: t('Place'), locationType: 'HEALTH_FACILITY' });

/** A birth event with two pages; `change` may replace any part of it. */
const event = (change: (e: ReturnType<typeof baseEvent>) => void = () => {}) => {
  const e = baseEvent();
  change(e);
  return e;
};
const baseEvent = () => ({
  id: 'birth',
  label: t('Birth'),
  code: 'B',
  dateOfEventField: 'child.dob',
  placeOfEventFields: ['child.birthLocation'],
  titleField: 'child.name',
  timeliness: { onTimeDays: 30, lateDays: 365 },
  pages: [
    {
      id: 'child',
      title: t('Child'),
      fields: [
        nameField('child.name', { required: true }) as FieldInput,
        dateField('child.dob', { required: true }) as FieldInput,
        locationField('child.birthLocation') as FieldInput,
      ],
    },
    {
      id: 'mother',
      title: t('Mother'),
      fields: [nameField('mother.name') as FieldInput, dateField('mother.dob') as FieldInput],
    },
  ],
});

interface Overrides {
  settings?: unknown;
  roles?: unknown;
  events?: unknown[];
  locations?: unknown;
  employees?: unknown;
}

/** The parts of a small valid country, with any section replaced. */
function parts(o: Overrides = {}): ConfigPart[] {
  return [
    { section: 'settings', file: FILES.settings, data: o.settings ?? settings() },
    { section: 'roles', file: FILES.roles, data: o.roles ?? roles() },
    ...(o.events ?? [event()]).map((data): ConfigPart => ({ section: 'event', file: FILES.event, data })),
    { section: 'locations', file: FILES.locations, data: o.locations ?? locations() },
    { section: 'statistics', file: 'data/statistics.csv', data: [] },
    { section: 'employees', file: FILES.employees, data: o.employees ?? employees() },
  ];
}

/** The parts of the valid country with its locations split over several files. */
function withLocationFiles(files: Record<string, unknown[]>): ConfigPart[] {
  const others = parts().filter((p) => p.section !== 'locations');
  return others.concat(Object.entries(files).map(([file, data]) => ({ section: 'locations', file, data })));
}

/** The error buildCountryConfig throws for these parts (fails the test when it does not throw). */
function errorOf(configParts: ConfigPart[]): CountryConfigError {
  try {
    buildCountryConfig(configParts);
  } catch (error) {
    expect(error).toBeInstanceOf(CountryConfigError);
    return error as CountryConfigError;
  }
  throw new Error('expected buildCountryConfig to throw');
}

describe('buildCountryConfig: a valid country', () => {
  it('assembles every section', () => {
    const config = buildCountryConfig(parts());
    expect(config.settings.countryCode).toBe('FAR');
    expect(config.roles.map((r) => r.id)).toEqual(['REGISTRAR', 'CLERK']);
    expect(config.events.map((e) => e.id)).toEqual(['birth']);
    expect(config.locations).toHaveLength(4);
    expect(config.statistics).toEqual([]);
    expect(config.employees.map((e) => e.username)).toEqual(['k.bwalya']);
  });

  it('fills schema defaults into the event', () => {
    const config = buildCountryConfig(parts());
    const name = config.events[0].pages[0].fields[0];
    expect(name.type === 'NAME' && name.maxLength).toBe(32);
  });

  it('concatenates locations from several files', () => {
    const config = buildCountryConfig(
      withLocationFiles({ 'data/areas.csv': locations().slice(0, 2), 'data/offices.csv': locations().slice(2) }),
    );
    expect(config.locations.map((l) => l.id)).toEqual(locations().map((l) => l.id));
  });

  it('accepts a national office without a parent area', () => {
    const hq = { id: 'hq', name: 'HQ', type: 'CRVS_OFFICE', parentId: null };
    expect(() => buildCountryConfig(parts({ locations: [...locations(), hq] }))).not.toThrow();
  });

  it('accepts a condition on a field of another page', () => {
    const e = event((e) => {
      e.pages[1].fields[1].validations = [
        {
          rule: { type: 'dateBefore', field: 'mother.dob', otherField: 'child.dob', minYears: 12 },
          message: t('Too young'),
        },
      ];
    });
    expect(() => buildCountryConfig(parts({ events: [e] }))).not.toThrow();
  });
});

describe('buildCountryConfig: errors name the file and the field', () => {
  it('formats the message with file, field and problem', () => {
    const error = errorOf(parts({ settings: { ...settings(), countryCode: 'far' } }));
    expect(error.file).toBe(FILES.settings);
    expect(error.field).toBe('countryCode');
    expect(error.message).toMatch(/^Invalid country config in src\/settings\.ts at countryCode: /);
  });

  it('names nested paths of section data with indexes', () => {
    const error = errorOf(parts({ settings: { ...settings(), languages: ['en', 'FR'] } }));
    expect([error.file, error.field]).toEqual([FILES.settings, 'languages[1]']);
  });

  it('names a bad field in an event file', () => {
    const e = event((e) => {
      e.pages[1].fields[0] = { id: 'mother.name', type: 'NAME', label: t('Name'), maxLength: -1 };
    });
    const error = errorOf(parts({ events: [e] }));
    expect([error.file, error.field]).toEqual([FILES.event, 'pages[1].fields[0].maxLength']);
  });

  it('names a bad location row', () => {
    const bad = [...locations(), { id: 'x', name: 'X', type: 'VILLAGE', parentId: 'ibombo' }];
    const error = errorOf(parts({ locations: bad }));
    expect([error.file, error.field]).toEqual([FILES.locations, '[4].type']);
  });

  it('names a scope typo in a role', () => {
    const bad = [{ id: 'CLERK', label: t('Clerk'), scopes: ['record.read', 'record.declar'] }];
    const error = errorOf(parts({ roles: bad }));
    expect([error.file, error.field]).toEqual([FILES.roles, '[0].scopes[1]']);
    expect(error.message).toContain('"record.declar" is not a known scope');
  });

  it('refuses a country without a settings file', () => {
    const error = errorOf(parts().filter((p) => p.section !== 'settings'));
    expect([error.file, error.field]).toEqual(['(country package)', 'settings']);
  });
});

describe('buildCountryConfig: locations', () => {
  it('refuses a duplicate location id', () => {
    const duplicate = [...locations(), { id: 'ibombo', name: 'Ibombo again', type: 'ADMIN_AREA', parentId: null }];
    const error = errorOf(parts({ locations: duplicate }));
    expect([error.file, error.field]).toEqual([FILES.locations, '[4].id']);
    expect(error.message).toContain('duplicate location id "ibombo"');
  });

  it('refuses a location whose parent is unknown', () => {
    const orphan = [...locations(), { id: 'isamba', name: 'Isamba', type: 'ADMIN_AREA', parentId: 'nowhere' }];
    const error = errorOf(parts({ locations: orphan }));
    expect([error.file, error.field]).toEqual([FILES.locations, '[4].parentId']);
    expect(error.message).toContain('location "isamba" is part of unknown "nowhere"');
  });

  // BUG: locations come from several files (Farajaland has areas, offices and legacy facilities), but
  // checkLocations names the *last* locations file and an index into the concatenation of all of them.
  // Proposed fix (country.ts): remember where each location came from while assembling, e.g.
  //   const locationOrigins: Array<{ file: string; index: number }> = [];
  //   ... if (part.section === 'locations') (result.data as Location[]).forEach((_, index) => locationOrigins.push({ file: part.file, index }));
  // and have checkLocations throw `new CountryConfigError(origin.file, `[${origin.index}].id`, ...)` with
  // `origin = locationOrigins[i]` (same for `.parentId`).
  it('names the file and row of a duplicate when locations come from several files', () => {
    const [central, ibombo, office, hospital] = locations();
    const duplicateCentral = { ...central, name: 'Central again' };
    const error = errorOf(
      withLocationFiles({
        'data/areas.csv': [central, ibombo],
        'data/offices.csv': [office, duplicateCentral],
        'data/facilities.csv': [hospital],
      }),
    );
    // Today: ['data/facilities.csv', '[3].id'].
    expect([error.file, error.field]).toEqual(['data/offices.csv', '[1].id']);
  });

  // BUG: a location's parent must be an administrative area (Location.parentId is documented so, and
  // LocationTree.areaOf returns the parent of an office as its area), but an office or facility is accepted
  // as a parent; jurisdiction checks would then treat an office as an area.
  // Proposed fix (country.ts, checkLocations second loop): build a Map of id -> location and add
  //   if (l.parentId && byId.get(l.parentId)?.type !== 'ADMIN_AREA')
  //     throw new CountryConfigError(file, `[${i}].parentId`, `"${l.parentId}" is not an administrative area`);
  it('refuses a location whose parent is an office or a facility', () => {
    const nested = [...locations(), { id: 'ward', name: 'Ward', type: 'HEALTH_FACILITY', parentId: 'ibombo-hospital' }];
    const error = errorOf(parts({ locations: nested }));
    expect([error.file, error.field]).toEqual([FILES.locations, '[4].parentId']);
  });
});

describe('buildCountryConfig: roles and employees', () => {
  it('refuses duplicate role ids', () => {
    const error = errorOf(parts({ roles: [...roles(), { id: 'CLERK', label: t('Clerk 2'), scopes: [] }] }));
    expect(error.file).toBe(FILES.roles);
    expect(error.message).toContain('role ids must be unique');
  });

  it('refuses an employee with an unknown role', () => {
    const error = errorOf(
      parts({ employees: [...employees(), { ...employees()[0], username: 'm.phiri', role: 'MAYOR' }] }),
    );
    expect([error.file, error.field]).toEqual([FILES.employees, '[1].role']);
    expect(error.message).toContain('unknown role "MAYOR"');
  });

  it('refuses an employee whose office is an administrative area', () => {
    const error = errorOf(parts({ employees: [{ ...employees()[0], primaryOfficeId: 'ibombo' }] }));
    expect([error.file, error.field]).toEqual([FILES.employees, '[0].primaryOfficeId']);
    expect(error.message).toContain('"ibombo" is not an office or facility');
  });

  it('refuses an employee whose office does not exist', () => {
    const error = errorOf(parts({ employees: [{ ...employees()[0], primaryOfficeId: 'atlantis-office' }] }));
    expect([error.file, error.field]).toEqual([FILES.employees, '[0].primaryOfficeId']);
  });

  it('refuses two employees with the same username', () => {
    const error = errorOf(parts({ employees: [employees()[0], { ...employees()[0], role: 'CLERK' }] }));
    expect([error.file, error.field]).toEqual([FILES.employees, '[1].username']);
  });
});

describe('buildCountryConfig: events', () => {
  it('refuses duplicate field ids, even across pages', () => {
    const e = event((e) => {
      e.pages[1].fields[0] = nameField('child.name');
    });
    const error = errorOf(parts({ events: [e] }));
    expect([error.file, error.field]).toEqual([FILES.event, 'pages[1].fields[0].id']);
    expect(error.message).toContain('duplicate field id "child.name"');
  });

  it('refuses a field without a French label when the country speaks en and fr', () => {
    const e = event((e) => {
      e.pages[0].fields[1] = { ...dateField('child.dob'), label: t('Date of birth', null) };
    });
    const error = errorOf(parts({ events: [e] }));
    expect([error.file, error.field]).toEqual([FILES.event, 'pages[0].fields[1].label.fr']);
    expect(error.message).toContain('missing fr label for "child.dob"');
  });

  it('accepts English-only labels when the country speaks only English', () => {
    const e = event((e) => {
      e.pages[0].fields[1] = { ...dateField('child.dob'), label: t('Date of birth', null) };
    });
    expect(() =>
      buildCountryConfig(parts({ settings: { ...settings(), languages: ['en'] }, events: [e] })),
    ).not.toThrow();
  });

  it('refuses a showIf that refers to an unknown field', () => {
    const e = event((e) => {
      e.pages[1].fields[1] = dateField('mother.dob', { showIf: { type: 'isSet', field: 'mother.nmae' } });
    });
    const error = errorOf(parts({ events: [e] }));
    expect([error.file, error.field]).toEqual([FILES.event, 'pages[1].fields[1]']);
    expect(error.message).toContain('condition of "mother.dob" refers to unknown field "mother.nmae"');
  });

  it('refuses a validation rule that refers to an unknown field, however deeply nested', () => {
    const e = event((e) => {
      e.pages[1].fields[1].validations = [
        {
          rule: { type: 'or', conditions: [{ type: 'not', condition: { type: 'isSet', field: 'child.dateOfBirth' } }] },
          message: t('Bad'),
        },
      ];
    });
    const error = errorOf(parts({ events: [e] }));
    expect(error.message).toContain('refers to unknown field "child.dateOfBirth"');
  });

  // BUG: checkEvent checks the conditions of fields but not a page's showIf, so a typo there (which
  // validateDeclaration evaluates for every field of the page) goes unnoticed: the page is then always hidden.
  // Proposed fix (country.ts, checkEvent): also check every page's condition, e.g.
  //   event.pages.forEach((p, pi) => {
  //     for (const ref of p.showIf ? referencedFields(p.showIf) : [])
  //       if (!ids.has(ref)) throw new CountryConfigError(file, `pages[${pi}].showIf`, `condition of page "${p.id}" refers to unknown field "${ref}"`);
  //   });
  // (after the field loop, so `ids` holds every field id).
  it('refuses a page showIf that refers to an unknown field', () => {
    const e = event((e) => {
      Object.assign(e.pages[1], { showIf: { type: 'equals', field: 'child.motherKnwon', value: true } });
    });
    const error = errorOf(parts({ events: [e] }));
    expect([error.file, error.field]).toEqual([FILES.event, 'pages[1].showIf']);
  });

  it('refuses a dateOfEventField that is not a DATE', () => {
    const error = errorOf(parts({ events: [event((e) => (e.dateOfEventField = 'child.name'))] }));
    expect([error.file, error.field]).toEqual([FILES.event, 'dateOfEventField']);
    expect(error.message).toContain('must name a DATE field');
  });

  it('refuses a dateOfEventField that names no field', () => {
    const error = errorOf(parts({ events: [event((e) => (e.dateOfEventField = 'child.birthday'))] }));
    expect([error.file, error.field]).toEqual([FILES.event, 'dateOfEventField']);
  });

  it('refuses a titleField that is not a NAME', () => {
    const error = errorOf(parts({ events: [event((e) => (e.titleField = 'child.dob'))] }));
    expect([error.file, error.field]).toEqual([FILES.event, 'titleField']);
  });

  it('refuses a place of event that is not a LOCATION or ADDRESS', () => {
    const error = errorOf(
      parts({ events: [event((e) => (e.placeOfEventFields = ['child.birthLocation', 'child.dob']))] }),
    );
    expect([error.file, error.field]).toEqual([FILES.event, 'placeOfEventFields[1]']);
  });

  it('names the file of the event that is wrong', () => {
    const death = event((e) => {
      e.id = 'death';
      e.code = 'D';
      e.dateOfEventField = 'child.name';
    });
    const configParts = parts().concat({ section: 'event', file: 'src/forms/death.ts', data: death });
    expect(errorOf(configParts).file).toBe('src/forms/death.ts');
  });
});
