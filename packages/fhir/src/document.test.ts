import type { Bundle, Composition, Observation, Patient, RelatedPerson, Task } from 'fhir/r4';
import { loadFarajaland } from '@lifeline/farajaland';
import { completeBirth, completeDeath, FIXTURE_TODAY, IBOMBO_DISTRICT_HOSPITAL } from '@lifeline/farajaland/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordToDocument } from './document.ts';
import { toFhirLocation, fromFhirLocation } from './location.ts';
import { contextOf, record } from './test-support.ts';
import { loadR4Definitions, validateR4 } from './testing/r4-validator.ts';

const config = loadFarajaland();
const { ctx, eventMapping } = contextOf(config);

// HL7's definitions take seconds to load on a busy machine.
beforeAll(() => void loadR4Definitions(), 60_000);
const IBOMBO_OFFICE = config.locations.find((l) => l.name === 'Ibombo District Office')!.id;

function expectValid(bundle: Bundle) {
  const report = validateR4(bundle, { references: true, serverBase: ctx.serverBase });
  expect(report.errors).toEqual([]);
  return report;
}

const resources = <T>(bundle: Bundle, type: string) =>
  (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === type) as T[];

describe('records as FHIR documents', () => {
  it('maps every field of a registered birth and passes the R4 validator', () => {
    const doc = recordToDocument(
      ctx,
      eventMapping('birth'),
      record(completeBirth(), {
        status: 'REGISTERED',
        registrationNumber: 'B20250000042',
        dateOfEvent: '2025-06-01',
        registeredAtLocation: IBOMBO_OFFICE,
        version: 4,
      }),
    );
    const report = expectValid(doc);
    expect(report.unchecked).toEqual([]);
    const composition = doc.entry![0].resource as Composition;
    expect(composition.status).toBe('final');
    expect(composition.section!.map((s) => s.code!.coding![0].code)).toEqual([
      'child-details',
      'mother-details',
      'father-details',
      'informant-details',
      'birth-encounter',
      'registration',
    ]);
    const [child] = resources<Patient>(doc, 'Patient');
    expect(child).toMatchObject({
      name: [{ family: 'Mulenga', given: ['Chanda', 'Grace'] }],
      gender: 'female',
      birthDate: '2025-06-01',
      identifier: [{ value: 'B20250000042' }],
    });
    const people = resources<RelatedPerson>(doc, 'RelatedPerson');
    expect(people.map((p) => p.relationship![0].coding![0].code)).toEqual(['MTH', 'FTH']);
    // The informant is the mother: her section points at the mother, who carries the informant's contact details.
    const informant = composition.section!.find((s) => s.code!.coding![0].code === 'informant-details')!;
    const mother = composition.section!.find((s) => s.code!.coding![0].code === 'mother-details')!;
    expect(informant.entry).toEqual([mother.entry![0]]);
    expect(people[0].telecom).toEqual([
      { system: 'phone', value: '0912345678' },
      { system: 'email', value: 'mwila.mulenga@example.com' },
    ]);
    expect(people[0].identifier).toEqual([
      expect.objectContaining({ system: 'http://farajaland.example/id/national-id', value: expect.any(String) }),
    ]);
    // The father's "same address as the mother" becomes the mother's address.
    expect(people[1].address).toEqual(people[0].address);
    const observations = resources<Observation>(doc, 'Observation');
    const byCode = (code: string) => observations.find((o) => o.code.coding!.some((c) => c.code === code));
    expect(byCode('8339-4')!.valueQuantity).toEqual({
      value: 3.2,
      unit: 'kg',
      system: 'http://unitsofmeasure.org',
      code: 'kg',
    });
    expect(byCode('57722-1')!.valueCodeableConcept!.coding![0]).toMatchObject({ code: 'SINGLE', display: 'Single' });
    expect(byCode('73764-3')!.valueCodeableConcept!.text).toBe('Midwife');
    expect(byCode('45404-1')!.focus).toBeDefined();
    const task = resources<Task>(doc, 'Task')[0];
    expect(task.status).toBe('completed');
    expect(task.identifier!.map((i) => i.value)).toEqual(['B7K3MX9', 'B20250000042']);
    expect(resources(doc, 'Location').map((l) => (l as { id?: string }).id)).toEqual([
      IBOMBO_DISTRICT_HOSPITAL,
      IBOMBO_OFFICE,
    ]);
  });

  it('maps a death with its medical certificate, coded manner of death and the spouse', () => {
    const doc = recordToDocument(ctx, eventMapping('death'), record(completeDeath(), { dateOfEvent: '2025-05-20' }));
    expectValid(doc);
    const [deceased] = resources<Patient>(doc, 'Patient');
    expect(deceased).toMatchObject({
      deceasedDateTime: '2025-05-20',
      gender: 'male',
      maritalStatus: { coding: [{ code: 'M' }] },
    });
    const observations = resources<Observation>(doc, 'Observation');
    const causes = observations.filter((o) => o.code.coding!.some((c) => c.code === '69453-9'));
    expect(causes.map((c) => c.valueString)).toEqual(['Acute myocardial infarction', 'Coronary artery disease']);
    expect(causes[0].component![0].valueQuantity).toMatchObject({
      value: 2,
      code: 'h',
      system: 'http://unitsofmeasure.org',
    });
    expect(observations.find((o) => o.code.coding![0].code === '69449-7')!.valueCodeableConcept!.text).toBe(
      'Natural causes',
    );
    const people = resources<RelatedPerson>(doc, 'RelatedPerson');
    expect(people.map((p) => p.relationship![0].coding![0].code)).toEqual(['SPS', 'SON']);
    expect(people[0].identifier![0].system).toBe('http://farajaland.example/fhir/id/passport');
    expect((doc.entry![0].resource as Composition).status).toBe('preliminary');
  });

  it('maps minimal records: a notified birth with only the child, a death with only a date', () => {
    for (const [event, declaration] of [
      ['birth', { 'child.gender': 'male', 'child.dob': FIXTURE_TODAY }],
      ['death', { 'eventDetails.date': FIXTURE_TODAY }],
      ['birth', {}],
    ] as const) {
      const doc = recordToDocument(ctx, eventMapping(event), record(declaration));
      expectValid(doc);
      expect(resources(doc, 'Patient')).toHaveLength(1);
      expect(resources(doc, 'RelatedPerson')).toHaveLength(0);
    }
  });

  it('maps a birth at home to an Encounter at a Location with the address', () => {
    const home = { country: 'FAR', addressType: 'DOMESTIC', administrativeArea: 'IkYcYBUcyY2', street: 'Kasama Road' };
    const doc = recordToDocument(
      ctx,
      eventMapping('birth'),
      record({ 'child.placeOfBirth': 'PRIVATE_HOME', 'child.birthLocation.privateHome': home }),
    );
    expectValid(doc);
    const [place] = resources<{ address: { district: string; state: string } }>(doc, 'Location');
    expect(place.address).toMatchObject({ district: 'Ibombo', state: 'Central', line: ['Kasama Road', 'Klow'] });
  });
});

describe('locations as FHIR Location', () => {
  it('maps areas, offices and facilities, and reads them back', () => {
    for (const location of [config.locations[0], config.locations.find((l) => l.id === IBOMBO_OFFICE)!]) {
      const fhir = toFhirLocation(ctx, location);
      expect(validateR4(fhir).errors).toEqual([]);
      expect(fromFhirLocation(ctx, fhir, { id: location.id })).toEqual({ location, issues: [] });
    }
  });

  it('names every problem of a Location sent by FHIRPath', () => {
    const result = fromFhirLocation(
      ctx,
      {
        resourceType: 'Location',
        status: 'suspended',
        type: [{ text: 'x' }],
        partOf: { reference: `Location/${IBOMBO_OFFICE}` },
      },
      { newId: 'new' },
    );
    expect(result.issues.map((i) => i.expression)).toEqual([
      'Location.name',
      'Location.status',
      'Location.type',
      'Location.partOf',
    ]);
  });
});
