import type { Action } from '@lifeline/domain';
import { describe, expect, it } from 'vitest';
import { birthEvent } from '../../../../../../countries/farajaland/src/forms/birth.ts';
import { compareDeclarations, detectedCandidates, sameAnswer } from './compare.ts';

const declaration = {
  'child.name': { firstname: 'Chanda', middlename: 'Grace', surname: 'Mulenga' },
  'child.gender': 'female',
  'child.dob': '2025-06-01',
  'mother.name': { firstname: 'Mwila', surname: 'Mulenga' },
  'mother.nid': '1234567890',
  'documents.proofOfBirth': { path: '/files/a.pdf', originalFilename: 'a.pdf', type: 'application/pdf' },
};

describe('duplicate comparison', () => {
  it('shows every answered field by page and marks the ones that differ', () => {
    const other = {
      ...declaration,
      'child.name': { firstname: 'Chandaa', middlename: 'Grace', surname: 'Mulenga' },
      'mother.name': { firstname: ' Mwila ', surname: 'Mulenga', middlename: '' },
      'child.weightAtBirth': 3.1,
      'documents.proofOfBirth': { path: '/files/b.pdf', originalFilename: 'b.pdf', type: 'application/pdf' },
    };
    const pages = compareDeclarations(birthEvent, declaration, other, ['same-child-same-mother']);
    expect(pages.map((p) => p.page.id)).toEqual(['child', 'mother']);
    const rows = Object.fromEntries(pages.flatMap((p) => p.fields).map((f) => [f.field.id, f]));
    expect(Object.keys(rows)).toEqual([
      'child.name',
      'child.gender',
      'child.dob',
      'child.weightAtBirth',
      'mother.name',
      'mother.nid',
    ]);
    expect(rows['child.name'].differs).toBe(true);
    expect(rows['child.weightAtBirth'].differs).toBe(true);
    expect(rows['mother.name'].differs).toBe(false);
    expect(rows['child.dob'].differs).toBe(false);
    expect(rows['child.name'].compared).toBe(true);
    expect(rows['child.gender'].compared).toBe(false);
  });

  it('treats blank answers as none', () => {
    expect(sameAnswer(undefined, '')).toBe(true);
    expect(sameAnswer({ firstname: 'A', middlename: '' }, { firstname: 'A' })).toBe(true);
    expect(sameAnswer('1', 1)).toBe(false);
  });

  it('reads the candidates of the latest check', () => {
    const detected = (duplicates: unknown[]) =>
      ({ type: 'DUPLICATE_DETECTED', content: { duplicates } }) as unknown as Action;
    const actions = [
      detected([{ id: 'old', trackingId: 'B1', score: 0.9, rules: [] }]),
      detected([{ id: 'new', trackingId: 'B2', registrationNumber: 'B2026', score: 0.99 }]),
    ];
    expect(detectedCandidates(actions)).toEqual([
      { id: 'new', trackingId: 'B2', registrationNumber: 'B2026', score: 0.99, rules: [] },
    ]);
  });
});
