import { textIn, type Text } from '@lifeline/domain';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { messages, type Language, LANGUAGES } from './messages/index.ts';

interface LanguageContextValue {
  language: Language;
  setLanguage(language: Language): void;
  /** Render a config text ({en, fr}) in the current language. */
  text(value: Text | undefined): string;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);
const KEY = 'lifeline.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(KEY);
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'en';
}

/** react-intl for the app's own words, plus the current language for config texts. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<LanguageContextValue>(
    () => ({ language, setLanguage, text: (t) => (t ? textIn(t, language) : '') }),
    [language, setLanguage],
  );
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={language} messages={messages[language]} defaultLocale="en">
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
