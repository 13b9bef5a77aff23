import { SegmentedControl } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { LANGUAGES, type Language } from '../../i18n/messages/index.ts';

const NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

/** English / French, on every page; the choice is remembered on the device. */
export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const intl = useIntl();
  return (
    <SegmentedControl
      size="xs"
      value={language}
      onChange={(value) => setLanguage(value as Language)}
      aria-label={intl.formatMessage({ id: 'shell.language' })}
      data-testid="language-switch"
      data={LANGUAGES.map((code) => ({
        value: code,
        label: (
          <span lang={code} title={NAMES[code]}>
            {code.toUpperCase()}
          </span>
        ),
      }))}
    />
  );
}
