import { loadFarajaland } from '@lifeline/farajaland';
import { completeBirth, completeDeath, IBOMBO_DISTRICT_HOSPITAL } from '@lifeline/farajaland/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordToDocument } from '../document.ts';
import { contextOf, record } from '../test-support.ts';
import { hospitalBirth } from '../testing/notifications.ts';
import { fhirPath, loadR4Definitions, validateR4 } from '../testing/r4-validator.ts';
import { notificationToDeclaration } from './index.ts';

const config = loadFarajaland();
const { ctx, events, eventMapping } = contextOf(config);

// HL7's definitions take seconds to load on a busy machine.
beforeAll(() => void loadR4Definitions(), 60_000);
const NID = 'http://farajaland.example/id/national-id';

describe('notifications from health systems', () => {
  it('reads a hospital birth notification (itself valid R4) into the form', () => {
    const bundle = hospitalBirth();
    expect(validateR4(bundle).errors).toEqual([]);
    const result = notificationToDeclaration(ctx, events, bundle);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notification.event).toBe('birth');
    expect(result.notification.identifier).toEqual({ system: 'urn:oid:1.2.3.4', value: 'ibombo-2025-0001' });
    expect(result.notification.declaration).toEqual({
      'child.gender': 'female',
      'child.dob': '2025-06-01',
      'mother.name': { firstname: 'Mwila', surname: 'Mulenga' },
      'mother.dob': '1995-03-12',
      'mother.nid': '1234567890',
      'mother.idType': 'NATIONAL_ID',
      'child.placeOfBirth': 'HEALTH_FACILITY',
      'child.birthLocation': IBOMBO_DISTRICT_HOSPITAL,
      'child.weightAtBirth': 3.15,
    });
    expect(result.notification.origins.get('mother.nid')).toBe('Bundle.entry[1].resource.identifier[0].value');
  });

  it('reads back what the document mapping writes (both directions agree)', () => {
    for (const [event, declaration] of [
      ['birth', completeBirth()],
      ['death', completeDeath()],
    ] as const) {
      const doc = recordToDocument(ctx, eventMapping(event), record(declaration));
      const result = notificationToDeclaration(ctx, events, doc);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      // Addresses, documents, signatures and the informant's relation are not read from notifications.
      const notRead = /address|documents\.|review\.|dobUnknown/;
      const expected = Object.fromEntries(Object.entries(declaration).filter(([k]) => !notRead.test(k)));
      const { declaration: got } = result.notification;
      expect(Object.fromEntries(Object.entries(got).filter(([k]) => !notRead.test(k)))).toEqual(expected);
    }
  });

  it('refuses what cannot be mapped, naming each element by FHIRPath', () => {
    const bundle = hospitalBirth() as unknown as { entry: Array<{ resource: Record<string, unknown> }> };
    bundle.entry[0].resource.gender = 'other';
    bundle.entry[1].resource.birthDate = '1995';
    bundle.entry[2].resource.location = [{ location: { reference: 'Location/nowhere' } }];
    (bundle.entry[3].resource.valueQuantity as Record<string, unknown>).code = '[lb_av]';
    const result = notificationToDeclaration(ctx, events, bundle);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.expression);
    expect(paths).toEqual([
      'Bundle.entry[0].resource.gender',
      'Bundle.entry[1].resource.birthDate',
      'Bundle.entry[2].resource.location[0].location',
      'Bundle.entry[3].resource.valueQuantity',
    ]);
    // Each expression selects exactly the element it names (Medplum's FHIRPath engine).
    for (const path of paths) expect(fhirPath(path!, bundle)).toHaveLength(1);
  });

  it('refuses malformed bundles', () => {
    const cases: Array<[unknown, string]> = [
      [{ resourceType: 'Patient' }, 'Bundle'],
      [
        { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Patient' } }] },
        'Bundle.type',
      ],
      [{ resourceType: 'Bundle', type: 'collection' }, 'Bundle.entry'],
      [{ resourceType: 'Bundle', type: 'collection', entry: [{ resource: 'x' }] }, 'Bundle.entry[0].resource'],
      [
        {
          resourceType: 'Bundle',
          type: 'collection',
          identifier: { value: 'x' },
          entry: [{ resource: { resourceType: 'Patient' } }],
        },
        'Bundle.identifier',
      ],
      [
        {
          resourceType: 'Bundle',
          type: 'collection',
          entry: [{ resource: { resourceType: 'Patient' } }, { resource: { resourceType: 'Patient' } }],
        },
        'Bundle.entry',
      ],
    ];
    for (const [body, path] of cases) {
      const result = notificationToDeclaration(ctx, events, body);
      expect(result.ok ? [] : result.issues.map((i) => i.expression)).toEqual([path]);
    }
  });

  it('never throws, whatever any element of a bundle is replaced with', () => {
    const original = hospitalBirth();
    const paths: Array<Array<string | number>> = [];
    const walk = (value: unknown, path: Array<string | number>) => {
      paths.push(path);
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
      }
    };
    walk(original, []);
    let refused = 0;
    for (const path of paths.slice(1)) {
      for (const replacement of [null, 7, 'x', [], {}, true, [{}], { reference: 'Patient/x' }]) {
        const copy = structuredClone(original) as unknown as Record<string | number, unknown>;
        let parent = copy;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path[path.length - 1]] = replacement;
        const result = notificationToDeclaration(ctx, events, copy);
        if (!result.ok) {
          refused += 1;
          expect(result.issues.length).toBeGreaterThan(0);
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('takes a deceased Patient as a death notification, with the facility on the birthPlace-style reference', () => {
    const result = notificationToDeclaration(ctx, events, {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            name: [{ family: 'Phiri', given: ['Joseph'] }],
            gender: 'male',
            deceasedDateTime: '2025-05-20T23:30:00Z',
            identifier: [{ system: NID, value: '1122334455' }],
          },
        },
        {
          resource: {
            resourceType: 'Encounter',
            status: 'finished',
            class: { code: 'IMP' },
            location: [
              {
                location: {
                  identifier: { system: 'http://farajaland.example/fhir/id/location', value: IBOMBO_DISTRICT_HOSPITAL },
                },
              },
            ],
          },
        },
      ],
    });
    expect(result.ok && result.notification.declaration).toEqual({
      'deceased.name': { firstname: 'Joseph', surname: 'Phiri' },
      'deceased.gender': 'male',
      // 23:30 UTC on the 20th is the 21st in Farajaland (UTC+2).
      'eventDetails.date': '2025-05-21',
      'deceased.nid': '1122334455',
      'deceased.idType': 'NATIONAL_ID',
      'eventDetails.placeOfDeath': 'HEALTH_FACILITY',
      'eventDetails.deathLocation': IBOMBO_DISTRICT_HOSPITAL,
    });
  });
});
