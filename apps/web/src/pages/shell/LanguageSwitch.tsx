import { SegmentedControl } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';

/** The languages of the app (built in and added in the app), on every page; the choice is remembered on the device. */
export function LanguageSwitch() {
  const { language, setLanguage, languages } = useLanguage();
  const intl = useIntl();
  return (
    <SegmentedControl
      size="xs"
      value={language}
      onChange={setLanguage}
      aria-label={intl.formatMessage({ id: 'shell.language' })}
      data-testid="language-switch"
      data={languages.map(({ code, name }) => ({
        value: code,
        label: (
          <span lang={code} title={name}>
            {code.toUpperCase()}
          </span>
        ),
      }))}
    />
  );
}
