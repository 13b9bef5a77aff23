import { describe, expect, it } from 'vitest';
import { DedupConfig } from './config.ts';
import { matchDuplicate, runMatcher } from './match.ts';
import { dedupNameMap, nameSimilarity, namePhoneticKeys, variantMap } from './similarity.ts';

describe('nameSimilarity', () => {
  it('is 1 for the same name whatever the case, accents, punctuation or word order', () => {
    expect(nameSimilarity('Chanda Mulenga', 'chanda mulenga')).toBe(1);
    expect(nameSimilarity('Chandá  Mulénga', 'chanda mulenga')).toBe(1);
    expect(nameSimilarity('Mulenga Chanda', 'Chanda Mulenga')).toBe(1);
    expect(nameSimilarity("Ng'andu", 'ngandu')).toBe(1);
  });

  it('tolerates a typo and a missing middle name', () => {
    expect(nameSimilarity('Chanda Mulenga', 'Chandah Mulenga')).toBeGreaterThan(0.95);
    expect(nameSimilarity('Chanda Grace Mulenga', 'Chanda Mulenga')).toBe(1);
  });

  it('treats names that sound alike as close', () => {
    expect(nameSimilarity('Natasha', 'Natacha')).toBeGreaterThanOrEqual(0.9);
    expect(nameSimilarity('Katherine', 'Catherine')).toBeGreaterThanOrEqual(0.9);
  });

  it('uses configured variants for nicknames and transliterations', () => {
    const variants = variantMap([['mohammed', 'muhammad', 'mohamed']]);
    expect(nameSimilarity('Muhammad Phiri', 'Mohamed Phiri', variants)).toBe(1);
  });

  it('keeps different people apart', () => {
    expect(nameSimilarity('Chanda Mulenga', 'Joseph Phiri')).toBeLessThan(0.7);
    expect(nameSimilarity('', 'Joseph')).toBe(0);
  });

  it('gives one phonetic key per word', () => {
    expect(namePhoneticKeys('Chanda Mulenga')).toHaveLength(2);
  });
});

describe('matchers', () => {
  const a = { 'child.name': { firstname: 'Chanda', surname: 'Mulenga' }, 'child.dob': '2026-01-10', nid: '1234567890' };
  const variants = new Map<string, string>();

  it('strict is neutral when a value is missing and refutes when both differ', () => {
    expect(runMatcher({ type: 'strict', field: 'nid' }, a, {}, variants).matched).toBe(true);
    expect(runMatcher({ type: 'strict', field: 'nid' }, a, { nid: '1234567890' }, variants)).toEqual({
      matched: true,
      score: 1,
    });
    expect(runMatcher({ type: 'strict', field: 'nid' }, a, { nid: '9999999999' }, variants).matched).toBe(false);
  });

  it('dateRange matches within the window only, and scores closer dates higher', () => {
    const m = { type: 'dateRange' as const, field: 'child.dob', days: 5 };
    const near = runMatcher(m, a, { 'child.dob': '2026-01-11' }, variants);
    const edge = runMatcher(m, a, { 'child.dob': '2026-01-15' }, variants);
    expect(near.matched && edge.matched).toBe(true);
    expect(near.score).toBeGreaterThan(edge.score);
    expect(runMatcher(m, a, { 'child.dob': '2026-01-16' }, variants).matched).toBe(false);
    expect(runMatcher(m, a, {}, variants).matched).toBe(false);
  });

  it('a rule matches only when all of an and-matcher match; any rule flags', () => {
    const config = DedupConfig.parse({
      rules: [
        {
          id: 'r1',
          matcher: {
            type: 'and',
            matchers: [
              { type: 'fuzzy', field: 'child.name' },
              { type: 'dateRange', field: 'child.dob', days: 5 },
            ],
          },
        },
        { id: 'r2', matcher: { type: 'strict', field: 'missing' } },
      ],
    });
    const hit = matchDuplicate(config, a, { ...a, 'child.dob': '2026-01-12' }, variants);
    expect(hit?.rules).toEqual(expect.arrayContaining(['r1', 'r2']));
    const onlyNeutral = DedupConfig.parse({ rules: [config.rules[0]] });
    expect(matchDuplicate(onlyNeutral, a, { ...a, 'child.dob': '2026-03-01' }, variants)).toBeNull();
  });

  it('leaves placeholder words out of names, and keeps variants', () => {
    const map = dedupNameMap({ nameVariants: [['joseph', 'joe']], placeholderNames: ['Baby'] });
    expect(nameSimilarity('Baby Mwansa', 'Natasha Mwansa', map)).toBe(1);
    expect(nameSimilarity('Joe Banda', 'Joseph Banda', map)).toBe(1);
    expect(nameSimilarity('Baby', 'Natasha', map)).toBe(0);
  });
});
