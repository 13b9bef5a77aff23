import { textIn, type ContentLanguage, type Text } from '@lifeline/domain';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { cachedLanguages, cachedMessages, fetchLanguages, fetchMessages } from './content.ts';
import { messages as builtIn } from './messages/index.ts';

interface LanguageContextValue {
  language: string;
  setLanguage(language: string): void;
  /** The languages of the switcher. */
  languages: ContentLanguage[];
  /** Render a config text ({en, fr, ...}) in the current language. */
  text(value: Text | undefined): string;
  /** Read the app's words again (after the content was changed in the app). */
  reload(): void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);
const KEY = 'lifeline.language';
/** How often the words are read again: content changed in the app reaches open pages within this. */
const RELOAD_MS = 60_000;

function initialLanguage(): string {
  const saved = localStorage.getItem(KEY);
  return saved && cachedLanguages().some((l) => l.code === saved) ? saved : 'en';
}

/**
 * react-intl for the app's own words, plus the current language for config texts. The built-in words show at
 * once; the server's (changed or added in the app, missing ones in the default language) replace them when they
 * come, and are kept on the device for offline starts.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<string>(initialLanguage);
  const [languages, setLanguages] = useState<ContentLanguage[]>(cachedLanguages);
  const [served, setServed] = useState<Record<string, Record<string, string>>>({});
  const [generation, setGeneration] = useState(0);
  const setLanguage = useCallback((next: string) => {
    localStorage.setItem(KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let live = true;
    fetchLanguages()
      .then((list) => live && setLanguages(list))
      .catch(() => undefined);
    fetchMessages(language)
      .then((words) => live && setServed((all) => ({ ...all, [language]: words })))
      .catch(() => undefined);
    const timer = setInterval(reload, RELOAD_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [language, generation, reload]);

  // The bundle's words under the server's: a key the server does not know yet (a newer app) still has its words.
  const words = useMemo(
    () => ({
      ...(builtIn[language as keyof typeof builtIn] ?? builtIn.en),
      ...(served[language] ?? cachedMessages(language)),
    }),
    [served, language],
  );
  const value = useMemo<LanguageContextValue>(
    () => ({ language, setLanguage, languages, reload, text: (t) => (t ? textIn(t, language) : '') }),
    [language, setLanguage, languages, reload],
  );
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={language} messages={words} defaultLocale="en">
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage needs a LanguageProvider');
  return value;
}
