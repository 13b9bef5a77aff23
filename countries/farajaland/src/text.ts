import type { Text } from '@lifeline/domain';

/** A label in both Farajaland languages; every user-facing text of the package goes through here. */
export function t(en: string, fr: string): Text {
  return { en, fr };
}
