import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { z } from 'zod';

/**
 * Content: the words of the app (web messages, form labels) per language, changed in the app as a layer over the
 * built-in catalogues and the country package. Texts are ICU messages (`Hello {name}`, plurals, selects); a
 * translation may only use placeholders its reference text (the default language's) has, or the app could not fill
 * them.
 */
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, 'language codes are two lowercase letters');
export const MessageKey = z.string().min(1).max(200);

export const ContentLayer = z
  .object({
    /** Languages added in the app (not built in), with the name the language switcher shows. */
    languages: z.record(LanguageCode, z.object({ name: z.string().trim().min(1).max(50) })).default({}),
    /** Texts by language and key, over the built-in ones. */
    messages: z.record(LanguageCode, z.record(MessageKey, z.string().min(1).max(4000))).default({}),
  })
  .strict();
export type ContentLayer = z.infer<typeof ContentLayer>;

/** One language offered by the switcher. */
export interface ContentLanguage {
  code: string;
  name: string;
  /** Keys with no text in this language (shown in the default language instead). */
  missing: number;
}

/** One message in the content editor. */
export interface ContentEntry {
  key: string;
  /** Where the text appears, e.g. `app:shell`, `form:birth`. */
  where: string;
  /** The text in the default language (what a translation is checked against). */
  reference: string;
  /** The text in the language asked for, or null when missing (the reference is shown). */
  text: string | null;
  /** Changed in the app (not the built-in or package text). */
  changed: boolean;
}

function collectArguments(elements: MessageFormatElement[], into: Set<string>) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) collectArguments(option.value, into);
    }
    if (element.type === TYPE.tag) collectArguments(element.children, into);
  }
}

/** The placeholders of an ICU message; throws on a message that does not parse. */
export function messageArguments(text: string): Set<string> {
  const names = new Set<string>();
  collectArguments(parse(text, { ignoreTag: true }), names);
  return names;
}

/**
 * What is wrong with a translation, or null: not a valid ICU message, or a placeholder its reference text does
 * not have (the app would not fill it).
 */
export function messageProblem(text: string, reference: string | undefined): string | null {
  let names: Set<string>;
  try {
    names = messageArguments(text);
  } catch (error) {
    return `not a valid ICU message (${(error as Error).message})`;
  }
  if (reference === undefined) return null;
  let allowed: Set<string>;
  try {
    allowed = messageArguments(reference);
  } catch {
    return null;
  }
  const unknown = [...names].find((n) => !allowed.has(n));
  if (unknown === undefined) return null;
  const known = [...allowed].map((n) => `{${n}}`).join(', ');
  return `{${unknown}} is not a placeholder of this message (${known || 'it has none'})`;
}
