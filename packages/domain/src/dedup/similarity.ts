import { jaroWinkler } from '@skyra/jaro-winkler';
import { doubleMetaphone } from 'double-metaphone';
import { normalizeName } from '../names.ts';

/**
 * How a country's duplicate config reads names: its variant groups, and its placeholder words mapped to '' (left
 * out). Built once per config.
 */
export function dedupNameMap(config: {
  nameVariants?: readonly (readonly string[])[];
  placeholderNames?: readonly string[];
}) {
  const map = variantMap(config.nameVariants ?? []);
  for (const word of config.placeholderNames ?? []) map.set(normalizeName(word), '');
  return map;
}

/** Canonical spelling per variant, built once per config: every member of a group maps to the group's first. */
export function variantMap(groups: readonly (readonly string[])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of groups) {
    const canonical = normalizeName(group[0]);
    for (const member of group) map.set(normalizeName(member), canonical);
  }
  return map;
}

/** The words of a name as compared: each variant as its group's canonical spelling, placeholders (mapped to '') out. */
function tokens(name: string, variants: Map<string, string>): string[] {
  return normalizeName(name)
    .split(' ')
    .map((t) => variants.get(t) ?? t)
    .filter(Boolean);
}

const phoneticCache = new Map<string, string[]>();
const PHONETIC_CACHE_SIZE = 50_000;

/** Double metaphone codes of a word, memoised: names repeat a lot, and the algorithm is not cheap. */
export function phoneticKeys(token: string): string[] {
  let keys = phoneticCache.get(token);
  if (!keys) {
    keys = doubleMetaphone(token).filter(Boolean);
    if (phoneticCache.size >= PHONETIC_CACHE_SIZE) phoneticCache.clear();
    phoneticCache.set(token, keys);
  }
  return keys;
}

/** Similarity of two words: Jaro-Winkler, raised to 0.9 when they sound alike (double metaphone). */
function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const spelled = jaroWinkler(a, b);
  const ka = phoneticKeys(a);
  const soundsAlike = a.length > 2 && b.length > 2 && phoneticKeys(b).some((k) => ka.includes(k));
  return soundsAlike ? Math.max(spelled, 0.9) : spelled;
}

/**
 * How alike two person names are, 0 to 1. Order-insensitive (swapped first name and surname still match),
 * tolerant of typos (Jaro-Winkler), of spellings that sound alike (double metaphone), of accents and
 * punctuation (normalisation), of a missing middle name (the shorter name is matched into the longer), and of
 * configured nicknames and transliterations.
 */
export function nameSimilarity(a: string, b: string, variants: Map<string, string> = new Map()): number {
  const ta = tokens(a, variants);
  const tb = tokens(b, variants);
  if (!ta.length || !tb.length) return 0;
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const used = new Set<number>();
  let total = 0;
  for (const t of short) {
    let best = 0;
    let bestIndex = -1;
    long.forEach((u, i) => {
      if (used.has(i)) return;
      const s = tokenSimilarity(t, u);
      if (s > best) [best, bestIndex] = [s, i];
    });
    if (bestIndex >= 0) used.add(bestIndex);
    total += best;
  }
  return total / short.length;
}

/** The phonetic keys of every word of a name (for finding candidates by sound in the database). */
export function namePhoneticKeys(name: string, variants: Map<string, string> = new Map()): string[] {
  return [...new Set(tokens(name, variants).flatMap((t) => phoneticKeys(t).slice(0, 1)))];
}
