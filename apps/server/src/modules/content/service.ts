import {
  ContentLayer,
  messageProblem,
  type ContentEntry,
  type ContentLanguage,
  type FieldError,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { lockLayer, latestVersion } from '../settings/repository.ts';
import { recordVersion, requireConfigAdmin, runtimeOf } from '../settings/service.ts';
import { BUILT_IN_LANGUAGES, catalogueOf, type CatalogueEntry } from './catalogue.ts';

/** The text of a key in a language: changed in the app, else built in / from the package, else none. */
function textOf(layer: ContentLayer, entry: CatalogueEntry, language: string): string | undefined {
  return layer.messages[language]?.[entry.key] ?? entry.texts[language];
}

function defaultLanguage(ctx: AppContext) {
  return ctx.country.config.settings.defaultLanguage;
}

/** The languages of the switcher: built in, the country's, and those added in the app, with missing counts. */
export function contentLanguages(ctx: AppContext): ContentLanguage[] {
  const { base, content } = runtimeOf(ctx);
  const catalogue = [...catalogueOf(base).values()];
  const codes = new Set([
    ...Object.keys(BUILT_IN_LANGUAGES),
    ...ctx.country.config.settings.languages,
    ...Object.keys(content.languages),
  ]);
  return [...codes].map((code) => ({
    code,
    name: content.languages[code]?.name ?? BUILT_IN_LANGUAGES[code] ?? code,
    missing: catalogue.filter((e) => textOf(content, e, code) === undefined).length,
  }));
}

/** The app's words in a language, each missing one in the default language (what the web app shows). */
export function appMessages(ctx: AppContext, language: string) {
  const { base, content } = runtimeOf(ctx);
  if (!contentLanguages(ctx).some((l) => l.code === language)) return null;
  const fallback = defaultLanguage(ctx);
  const messages: Record<string, string> = {};
  const missing: string[] = [];
  for (const entry of catalogueOf(base).values()) {
    if (!entry.icu) continue;
    const text = textOf(content, entry, language);
    if (text === undefined) missing.push(entry.key);
    const shown = text ?? textOf(content, entry, fallback) ?? entry.texts.en;
    if (shown !== undefined) messages[entry.key] = shown;
  }
  return { language, fallback, messages, missing };
}

/** The content editor's list: search by key or text, only the missing ones, a page at a time. */
export function contentEntries(
  ctx: AppContext,
  user: AuthUser,
  query: { language: string; q?: string; missing?: boolean; limit: number; offset: number },
) {
  requireConfigAdmin(user, 'content');
  const { base, content } = runtimeOf(ctx);
  const reference = defaultLanguage(ctx);
  const words = query.q?.toLowerCase();
  const all: ContentEntry[] = [];
  for (const entry of catalogueOf(base).values()) {
    const text = textOf(content, entry, query.language) ?? null;
    const ref = textOf(content, entry, reference) ?? entry.texts.en ?? '';
    if (query.missing && text !== null) continue;
    if (words && ![entry.key, ref, text ?? ''].some((s) => s.toLowerCase().includes(words))) continue;
    all.push({
      key: entry.key,
      where: entry.where,
      reference: ref,
      text,
      changed: content.messages[query.language]?.[entry.key] !== undefined,
    });
  }
  return { total: all.length, entries: all.slice(query.offset, query.offset + query.limit) };
}

/** Problems of a set of translations: unknown keys, broken ICU, placeholders the reference has not. */
function translationErrors(ctx: AppContext, layer: ContentLayer, messages: Record<string, string | null>) {
  const { base } = runtimeOf(ctx);
  const catalogue = catalogueOf(base);
  const reference = defaultLanguage(ctx);
  const errors: FieldError[] = [];
  for (const [key, text] of Object.entries(messages)) {
    const entry = catalogue.get(key);
    const field = `messages.${key}`;
    if (!entry) errors.push({ field, message: `"${key}" is not a text of the app or the forms` });
    else if (text !== null && entry.icu) {
      const problem = messageProblem(text, textOf(layer, entry, reference) ?? entry.texts.en);
      if (problem) errors.push({ field, message: problem });
    } else if (text !== null && !text.trim()) errors.push({ field, message: 'is empty' });
  }
  return errors;
}

/**
 * Save translations of one language as the next content version (null removes a change: the built-in text
 * shows again). A new language needs a name. Every problem is refused with its key named; nothing is saved then.
 */
export async function saveContent(
  ctx: AppContext,
  user: AuthUser,
  language: string,
  input: { name?: string; messages: Record<string, string | null>; reason: string },
) {
  requireConfigAdmin(user, 'content');
  const runtime = runtimeOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await lockLayer(trx, 'content');
    const latest = current ? await latestVersion(trx, 'content') : undefined;
    const layer = ContentLayer.parse(latest?.data ?? {});
    const known = language in BUILT_IN_LANGUAGES || ctx.country.config.settings.languages.includes(language);
    if (!known && !layer.languages[language] && !input.name) {
      throw badRequest(`"${language}" is a new language: give its name`, [
        { field: 'name', message: 'a new language needs a name' },
      ]);
    }
    const errors = translationErrors(ctx, layer, input.messages);
    if (errors.length) {
      throw badRequest(`${errors.length} text(s) refused, first ${errors[0].field}: ${errors[0].message}`, errors);
    }
    const messages = { ...layer.messages[language] };
    for (const [key, text] of Object.entries(input.messages)) {
      if (text === null) delete messages[key];
      else messages[key] = text;
    }
    const next: ContentLayer = {
      languages: { ...layer.languages, ...(input.name && !known ? { [language]: { name: input.name } } : {}) },
      messages: { ...layer.messages, [language]: messages },
    };
    await recordVersion(trx, user, 'content', {
      version: current + 1,
      data: next,
      reason: input.reason,
      rollbackOf: null,
    });
  });
  await runtime.live.refresh('content');
  return contentLanguages(ctx).find((l) => l.code === language)!;
}
