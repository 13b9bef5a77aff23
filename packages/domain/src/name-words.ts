import { phoneticKeys } from './dedup/similarity.ts';
import { formFields, type EventConfig } from './forms.ts';
import type { JsonObject } from './actions.ts';
import { normalizeName } from './names.ts';
import { fullName } from './summary.ts';

/**
 * Name words: how fuzzy name search finds records with an index. Each word of each name on a record is stored as a
 * `fieldId:word` token (event_index.name_words, GIN-indexed), and every distinct word once in a lexicon with its
 * sounds and its one-letter deletions. A searched word is first expanded, in the small lexicon, to the words that
 * are equal, a configured variant, sound alike, or one edit away; the records are then those holding, for the same
 * name field, one expansion of every searched word.
 */

/** Words shorter than this only match exactly or by sound: one edit changes too much of them. */
export const MIN_TYPO_LENGTH = 4;

/** The token of a word of a name field. */
export function nameWordToken(fieldId: string, word: string): string {
  return `${fieldId}:${word}`;
}

/** The normalised words of a name, in order, without repeats. */
export function nameWords(name: string): string[] {
  return [...new Set(normalizeName(name).split(' ').filter(Boolean))];
}

/** Every `fieldId:word` token of the names on a declaration, sorted. */
export function declarationNameWords(event: EventConfig, declaration: JsonObject): string[] {
  const tokens = new Set<string>();
  for (const { field } of formFields(event)) {
    if (field.type !== 'NAME') continue;
    for (const word of nameWords(fullName(declaration[field.id]))) tokens.add(nameWordToken(field.id, word));
  }
  return [...tokens].sort();
}

/** The words of name tokens (the part after the field id), sorted, without repeats. */
export function tokenWords(tokens: readonly string[]): string[] {
  return [...new Set(tokens.map((t) => t.slice(t.lastIndexOf(':') + 1)))].sort();
}

/**
 * The words one deletion away ("banda" -> "anda", "bnda", "bada", "bana", "band"). Two words within one edit
 * (insertion, deletion, substitution or swap of neighbours) share a deletion or one is a deletion of the other.
 */
export function wordDeletions(word: string): string[] {
  if (word.length < MIN_TYPO_LENGTH) return [];
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return [...out];
}

/**
 * The lexicon's keys of a word: `w:` the word itself, `d:` each of its deletions, `s:` each of its sounds (double
 * metaphone). The lexicon is (key, word) pairs under one btree, so any lookup is an index scan on key.
 */
export function lexiconKeys(word: string): string[] {
  const sounds = word.length > 2 ? phoneticKeys(word) : [];
  return [`w:${word}`, ...wordDeletions(word).map((d) => `d:${d}`), ...[...new Set(sounds)].map((k) => `s:${k}`)];
}

/**
 * The keys that find, in the lexicon, the words a searched word may stand for: itself and its variants (`w:`),
 * a word it is one letter longer than (`w:` + its deletions), one letter shorter than (`d:` + itself), one
 * substitution or swap away (`d:` + its deletions), or sounding the same (`s:`; the caller bounds those by
 * spelling, since sounds alone are coarse).
 */
export function lexiconSearchKeys(word: string, variants: ReadonlyMap<string, string>): string[] {
  const keys = wordVariants(word, variants).map((v) => `w:${v}`);
  if (word.length >= MIN_TYPO_LENGTH) {
    const deletes = wordDeletions(word);
    keys.push(...deletes.map((d) => `w:${d}`), `d:${word}`, ...deletes.map((d) => `d:${d}`));
  }
  if (word.length > 2) keys.push(...new Set(phoneticKeys(word).map((k) => `s:${k}`)));
  return [...new Set(keys)];
}

/** The words a configured variant map says are the same name as `word` (itself included). */
export function wordVariants(word: string, variants: ReadonlyMap<string, string>): string[] {
  const canonical = variants.get(word);
  if (canonical === undefined) return [word];
  const same = [word];
  for (const [member, group] of variants) if (group === canonical && member !== word) same.push(member);
  return same;
}
