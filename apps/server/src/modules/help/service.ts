import { HELP_PAGES, textIn, type HelpPageId, type Text } from '@lifeline/domain';
import MarkdownIt from 'markdown-it';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';

// Raw HTML in the country's markdown is shown as text, never run: the help is content, not code.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** Rendered once per text and language: help changes only with the country package. */
const rendered = new WeakMap<Text, Map<string, string>>();

function html(text: Text, language: string): string {
  let byLanguage = rendered.get(text);
  if (!byLanguage) rendered.set(text, (byLanguage = new Map()));
  let out = byLanguage.get(language);
  if (out === undefined) byLanguage.set(language, (out = markdown.render(textIn(text, language))));
  return out;
}

function helpOf(ctx: AppContext) {
  const help = ctx.country.config.help;
  if (!help) throw notFound('this country package has no help');
  return help;
}

export function languageFor(ctx: AppContext, requested: string | undefined): string {
  const { languages, defaultLanguage } = ctx.country.config.settings;
  return requested && languages.includes(requested) ? requested : defaultLanguage;
}

/** The support desk and what the help covers, in one language. */
export function helpIndex(ctx: AppContext, language: string) {
  const { support } = helpOf(ctx);
  return {
    language,
    support: {
      name: textIn(support.name, language),
      email: support.email ?? null,
      phone: support.phone ?? null,
      hours: support.hours ? textIn(support.hours, language) : null,
    },
    pages: [...HELP_PAGES],
    training: ctx.env.training,
  };
}

export function helpPage(ctx: AppContext, page: HelpPageId | 'whats-new', language: string) {
  const help = helpOf(ctx);
  const text = page === 'whats-new' ? help.whatsNew : help.pages[page];
  return { page, language, html: html(text, language) };
}
