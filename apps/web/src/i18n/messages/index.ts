import { extras } from './extras.ts';
import { field } from './field.ts';
import { forms } from './forms.ts';
import { imports } from './imports.ts';
import { integrations } from './integrations.ts';
import { settings } from './settings.ts';
import { shell } from './shell.ts';
import { staff } from './staff.ts';
import { statistics } from './statistics.ts';
import { lifecycle } from './lifecycle.ts';
import { templates } from './templates.ts';
import { paper } from './paper.ts';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The app's own words, one file per part of the app (each { en: {...}, fr: {...} }). */
export const catalogues = {
  shell,
  forms,
  extras,
  staff,
  statistics,
  field,
  integrations,
  lifecycle,
  settings,
  templates,
  paper,
  imports,
};

/**
 * The catalogues merged. Form labels are not here: they come from the country config in every language.
 */
export const messages: Record<Language, Record<string, string>> = {
  en: {
    ...shell.en,
    ...forms.en,
    ...extras.en,
    ...staff.en,
    ...statistics.en,
    ...field.en,
    ...integrations.en,
    ...lifecycle.en,
    ...settings.en,
    ...templates.en,
    ...paper.en,
    ...imports.en,
  },
  fr: {
    ...shell.fr,
    ...forms.fr,
    ...extras.fr,
    ...staff.fr,
    ...statistics.fr,
    ...field.fr,
    ...integrations.fr,
    ...lifecycle.fr,
    ...settings.fr,
    ...templates.fr,
    ...paper.fr,
    ...imports.fr,
  },
};
