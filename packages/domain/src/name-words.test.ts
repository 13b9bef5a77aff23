import { describe, expect, it } from 'vitest';
import { lexiconKeys, lexiconSearchKeys, nameWords, tokenWords, wordDeletions, wordVariants } from './name-words.ts';
import { normalizeName } from './names.ts';

describe('name words', () => {
  it('normalises: apostrophes join, other punctuation and spaces separate, accents go', () => {
    expect(normalizeName("  Ng'andu-Mwélwa ")).toBe('ngandu mwelwa');
    expect(nameWords('Mary  MARY Banda')).toEqual(['mary', 'banda']);
  });

  it('lists the one-letter deletions that put words one edit apart on a shared key', () => {
    expect(wordDeletions('banda').sort()).toEqual(['anda', 'bada', 'bana', 'band', 'bnda']);
    expect(wordDeletions('abc')).toEqual([]);
    // A swap of neighbours, a substitution: a shared deletion.
    const shared = (a: string, b: string) => wordDeletions(a).some((d) => wordDeletions(b).includes(d));
    expect(shared('mwansa', 'mwnasa')).toBe(true);
    expect(shared('mwansa', 'mwanza')).toBe(true);
    expect(shared('mwansa', 'tembo')).toBe(false);
  });

  it('keys a word by itself, its deletions and its sounds, and a search meets them', () => {
    expect(lexiconKeys('jo')).toEqual(['w:jo']);
    expect(lexiconKeys('banda')).toEqual(expect.arrayContaining(['w:banda', 'd:bnda', 'd:band', 's:PNT']));
    const meets = (searched: string, word: string) =>
      lexiconSearchKeys(searched, new Map()).some((k) => lexiconKeys(word).includes(k));
    expect(meets('mwanza', 'mwansa')).toBe(true); // substitution
    expect(meets('mwnasa', 'mwansa')).toBe(true); // swap
    expect(meets('mwasa', 'mwansa')).toBe(true); // missing letter
    expect(meets('mwannsa', 'mwansa')).toBe(true); // extra letter
    expect(meets('filip', 'philip')).toBe(true); // sound
    expect(meets('tembo', 'mwansa')).toBe(false);
  });

  it('reads the words back from field tokens, and expands configured variants', () => {
    expect(tokenWords(['child.name:banda', 'mother.name:banda', 'mother.name:mary'])).toEqual(['banda', 'mary']);
    const variants = new Map([
      ['joe', 'joseph'],
      ['josef', 'joseph'],
      ['joseph', 'joseph'],
    ]);
    expect(wordVariants('joe', variants).sort()).toEqual(['joe', 'josef', 'joseph']);
    expect(wordVariants('mary', variants)).toEqual(['mary']);
  });
});
