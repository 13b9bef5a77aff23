import { formFields, type EventConfig } from './forms.ts';
import type { JsonObject } from './actions.ts';
import { fullName } from './summary.ts';

/**
 * Lowercase, without accents or punctuation, single spaces: "  Ng'andu-Mwélwa " -> "ngandu mwelwa". Apostrophes
 * join (Ng'andu is one word, often written Ngandu); other punctuation separates words.
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['\u2019\u02BC`]/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every name on a declaration, normalised, in form order (the record's own name first). */
export function declarationNames(event: EventConfig, declaration: JsonObject): string[] {
  const names: string[] = [];
  for (const { field } of formFields(event)) {
    if (field.type !== 'NAME') continue;
    const name = normalizeName(fullName(declaration[field.id]));
    if (name) names.push(name);
  }
  return names;
}

/** Every identity number on a declaration (values of ID fields). */
export function declarationIds(event: EventConfig, declaration: JsonObject): string[] {
  const ids = new Set<string>();
  for (const { field } of formFields(event)) {
    const value = declaration[field.id];
    if (field.type === 'ID' && typeof value === 'string' && value.trim()) ids.add(value.trim().toUpperCase());
  }
  return [...ids];
}
