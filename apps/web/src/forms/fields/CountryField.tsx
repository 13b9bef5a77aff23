import { NativeSelect } from '@mantine/core';
import { memo, useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { countryOptions } from '../countries.ts';
import { useFormContext, wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';

/** COUNTRY: ISO alpha-3 codes, named in the user's language, the home country first. */
export const CountryField = memo(function CountryField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'COUNTRY'>>) {
  const { text, language } = useLanguage();
  const intl = useIntl();
  const { settings } = useFormContext();
  const options = useMemo(
    () => countryOptions(language, { code: settings.countryCode, name: settings.countryName }),
    [language, settings.countryCode, settings.countryName],
  );
  return (
    <div {...wrapperProps(field)}>
      <NativeSelect
        label={text(field.label)}
        description={field.helpText ? text(field.helpText) : undefined}
        error={error}
        withAsterisk={!!field.required}
        name={field.id}
        data-field={field.id}
        maw={480}
        value={typeof value === 'string' ? value : ''}
        data={[{ value: '', label: intl.formatMessage({ id: 'forms.select.placeholder' }) }, ...options]}
        onChange={(e) => {
          onChange(field.id, e.currentTarget.value || undefined);
          onBlur(field.id);
        }}
        onBlur={() => onBlur(field.id)}
      />
    </div>
  );
});
