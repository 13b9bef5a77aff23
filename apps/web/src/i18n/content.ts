import type { ContentLanguage } from '@lifeline/domain';
import { api } from '../api/client.ts';

const LANGUAGES_CACHE = 'lifeline.content.languages';
const MESSAGES_CACHE = 'lifeline.content.messages.';

/** The built-in languages, until the server says which there are (or while offline with nothing saved). */
export const BUILT_IN: ContentLanguage[] = [
  { code: 'en', name: 'English', missing: 0 },
  { code: 'fr', name: 'Français', missing: 0 },
];

function cached<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function cachedLanguages(): ContentLanguage[] {
  return cached<ContentLanguage[]>(LANGUAGES_CACHE) ?? BUILT_IN;
}

export function cachedMessages(language: string): Record<string, string> | null {
  return cached<Record<string, string>>(MESSAGES_CACHE + language);
}

/** The languages of the switcher (built in, the country's, added in the app); kept for offline starts. */
export async function fetchLanguages(): Promise<ContentLanguage[]> {
  const languages = await api<ContentLanguage[]>('/api/content/languages', { anonymous: true });
  localStorage.setItem(LANGUAGES_CACHE, JSON.stringify(languages));
  return languages;
}

/** The app's words in a language as the server has them (changed in the app; gaps in the default language). */
export async function fetchMessages(language: string): Promise<Record<string, string>> {
  const { messages } = await api<{ messages: Record<string, string> }>(`/api/content/messages/${language}`, {
    anonymous: true,
  });
  localStorage.setItem(MESSAGES_CACHE + language, JSON.stringify(messages));
  return messages;
}
