import { formTexts, type CountryConfig } from '@lifeline/domain';
// The web app's own words are data shared with the server, which checks translations against them.
import { catalogues, LANGUAGES } from '../../../../web/src/i18n/messages/index.ts';

/** One translatable text: where it appears, whether it is an ICU message, and its built-in texts by language. */
export interface CatalogueEntry {
  key: string;
  where: string;
  /** App messages are ICU (placeholders checked); form texts are shown as written. */
  icu: boolean;
  texts: Record<string, string>;
}

/** Languages the app ships words for, with their names in themselves. */
export const BUILT_IN_LANGUAGES: Record<string, string> = { en: 'English', fr: 'Français' };

const appEntries: CatalogueEntry[] = Object.entries(catalogues).flatMap(([name, catalogue]) =>
  Object.keys(catalogue.en).map((key) => ({
    key,
    where: `app:${name}`,
    icu: true,
    texts: Object.fromEntries(LANGUAGES.map((l) => [l, (catalogue as Record<string, Record<string, string>>)[l][key]])),
  })),
);

const cache = new WeakMap<CountryConfig, Map<string, CatalogueEntry>>();

/** Every translatable text: the app's messages and the forms of the country package. */
export function catalogueOf(base: CountryConfig): Map<string, CatalogueEntry> {
  let entries = cache.get(base);
  if (!entries) {
    entries = new Map(appEntries.map((e) => [e.key, e]));
    for (const text of formTexts(base.events)) {
      entries.set(text.key, { key: text.key, where: text.where, icu: false, texts: { ...text.text } });
    }
    cache.set(base, entries);
  }
  return entries;
}
