import {
  formFields,
  fullName,
  namePhoneticKeys,
  dedupNameMap,
  type EventConfig,
  type JsonObject,
} from '@lifeline/domain';

const variantCache = new WeakMap<EventConfig, Map<string, string>>();

/** The name variants (nicknames, transliterations) of an event's dedup config, as a lookup. */
export function variantsOf(config: EventConfig): Map<string, string> {
  let map = variantCache.get(config);
  if (!map) {
    map = dedupNameMap(config.deduplication ?? {});
    variantCache.set(config, map);
  }
  return map;
}

/** Phonetic keys of each NAME field of a declaration, by field id. */
export function nameKeysByField(config: EventConfig, declaration: JsonObject): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const { field } of formFields(config)) {
    if (field.type !== 'NAME') continue;
    const name = fullName(declaration[field.id]);
    if (name) keys.set(field.id, namePhoneticKeys(name, variantsOf(config)));
  }
  return keys;
}

/** Every phonetic key on the record (the event_index.name_keys column). */
export function recordNameKeys(config: EventConfig, declaration: JsonObject): string[] {
  return [...new Set([...nameKeysByField(config, declaration).values()].flat())].sort();
}
