import { z } from 'zod';

/** A user-facing text in every configured language, e.g. `{ en: "Child", fr: "Enfant" }`. */
export const Text = z
  .record(z.string().regex(/^[a-z]{2}$/, 'language codes are two lowercase letters'), z.string().min(1))
  .refine((t) => Object.keys(t).length > 0, 'a text needs at least one language');
export type Text = z.infer<typeof Text>;

/** Pick the text for a language, falling back to English, then to any language present. */
export function textIn(text: Text, language: string): string {
  return text[language] ?? text.en ?? Object.values(text)[0] ?? '';
}
