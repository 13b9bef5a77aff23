import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HELP_PAGES, type Text } from '@lifeline/domain';
import { settings } from './settings.ts';
import { t } from './text.ts';

/** Help texts are markdown files, one per page and language: help/<language>/<page>.md. */
export const HELP_DIR = fileURLToPath(new URL('../help/', import.meta.url));

function markdown(name: string): Text {
  return Object.fromEntries(
    settings.languages.map((language) => [language, readFileSync(`${HELP_DIR}${language}/${name}.md`, 'utf8')]),
  );
}

/** The help panels, "what's new" and the registry's support desk (fictional contact details). */
export function loadHelp() {
  return {
    support: {
      name: t('Civil Registration Support Desk', 'Assistance de l’état civil'),
      email: 'support@crvs.farajaland.example',
      phone: '0800 100 200',
      hours: t('Monday to Friday, 8:00 to 17:00', 'Du lundi au vendredi, de 8 h à 17 h'),
    },
    pages: Object.fromEntries(HELP_PAGES.map((page) => [page, markdown(page)])),
    whatsNew: markdown('whats-new'),
  };
}
