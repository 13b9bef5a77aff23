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

/** A word's lexicon row: its sounds (double metaphone) and its deletions. */
export interface LexiconEntry {
  word: string;
  sounds: string[];
  deletes: string[];
}

export function lexiconEntry(word: string): LexiconEntry {
  return { word, sounds: word.length > 2 ? phoneticKeys(word) : [], deletes: wordDeletions(word) };
}

/** The words a configured variant map says are the same name as `word` (itself included). */
export function wordVariants(word: string, variants: ReadonlyMap<string, string>): string[] {
  const canonical = variants.get(word);
  if (canonical === undefined) return [word];
  const same = [word];
  for (const [member, group] of variants) if (group === canonical && member !== word) same.push(member);
  return same;
}
