import { matchDuplicate, dedupNameMap, type JsonObject } from '@lifeline/domain';
import { describe, expect, it } from 'vitest';
import { birthDeduplication } from './deduplication.ts';

const variants = dedupNameMap(birthDeduplication);
const registered: JsonObject = {
  'child.name': { firstname: 'Natasha', surname: 'Mwansa' },
  'child.dob': '2026-03-10',
  'child.gender': 'female',
  'mother.name': { firstname: 'Grace', surname: 'Mwansa' },
  'mother.dob': '1996-05-01',
  'mother.nid': '1234567890',
};
const rulesMatching = (other: JsonObject) =>
  matchDuplicate(birthDeduplication, registered, { ...registered, ...other }, variants)?.rules ?? [];

describe('Farajaland birth duplicate rules', () => {
  it('same child, same mother: flags a re-declaration with a typo and a date a few days off', () => {
    expect(
      rulesMatching({ 'child.name': { firstname: 'Natasha', surname: 'Mwanza' }, 'child.dob': '2026-03-12' }),
    ).toContain('same-child-same-mother');
  });

  it("still flags it when one declaration gives the mother's age instead of her date of birth", () => {
    expect(rulesMatching({ 'mother.dob': undefined, 'mother.age': 30 })).toContain('same-child-same-mother');
  });

  it('matches a child declared before being named ("Baby") with the same child named later', () => {
    expect(rulesMatching({ 'child.name': { firstname: 'Baby', surname: 'Mwansa' } })).toContain(
      'same-child-same-mother',
    );
    expect(rulesMatching({ 'child.name': { firstname: 'Bébé', surname: 'Tembo' } })).toEqual([]);
  });

  it('recognises the mother under another surname by her ID, given in both', () => {
    const married = { 'mother.name': { firstname: 'Grace', surname: 'Tembo' } };
    expect(rulesMatching(married)).toContain('same-child-same-mother');
    expect(rulesMatching({ ...married, 'mother.nid': undefined })).toEqual([]);
  });

  it('same mother, same pregnancy: flags a child of the same sex with a similar name born months apart', () => {
    expect(
      rulesMatching({ 'child.dob': '2026-07-01', 'child.name': { firstname: 'Natascha', surname: 'Mwansa' } }),
    ).toContain('same-mother-same-pregnancy');
  });

  it('does not flag a twin with another name, nor a sibling born years later', () => {
    expect(rulesMatching({ 'child.name': { firstname: 'Chipo', surname: 'Mwansa' } })).toEqual([]);
    expect(
      rulesMatching({ 'child.dob': '2028-06-01', 'child.name': { firstname: 'Mutale', surname: 'Mwansa' } }),
    ).toEqual([]);
  });

  it('same name, nearby date: flags an identical name within 3 years, but not a namesake of another mother', () => {
    const later = { 'child.dob': '2027-12-01', 'child.gender': 'male' };
    expect(rulesMatching(later)).toEqual(['same-name-nearby-date']);
    expect(rulesMatching({ ...later, 'mother.nid': '9999999999' })).toEqual([]);
  });
});
