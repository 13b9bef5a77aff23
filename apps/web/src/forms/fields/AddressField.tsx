import { Fieldset, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { memo, useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { countryOptions } from '../countries.ts';
import { useFormContext, wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';
import { AdminAreaSelects } from './AdminAreaSelects.tsx';

type Address = Record<string, string | undefined>;

const DOMESTIC_PARTS = ['town', 'residentialArea', 'street', 'number', 'zipCode'] as const;
const INTERNATIONAL_PARTS = [
  'state',
  'district2',
  'cityOrTown',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'postcodeOrZip',
] as const;
const REQUIRED_PARTS = new Set(['state', 'district2']);

/**
 * The stored address: empty parts dropped, and undefined when nothing but the default country is given, so an
 * untouched address counts as not answered.
 */
export function cleanAddress(address: Address, homeCountry: string): Address | undefined {
  const clean = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const meaningful = Object.keys(clean).some((k) => k !== 'country' && k !== 'addressType');
  if (!meaningful && (clean.country ?? homeCountry) === homeCountry) return undefined;
  return clean;
}

/**
 * ADDRESS: a country, then for the home country the administrative areas level by level and the street
 * address; for any other country free-text lines.
 */
export const AddressField = memo(function AddressField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'ADDRESS'>>) {
  const { text, language } = useLanguage();
  const intl = useIntl();
  const { settings } = useFormContext();
  const home = settings.countryCode;
  const address = (value ?? {}) as Address;
  const country = address.country ?? home;
  const domestic = country === home;
  const countries = useMemo(
    () => countryOptions(language, { code: home, name: settings.countryName }),
    [language, home, settings.countryName],
  );
  const update = (patch: Address) =>
    onChange(field.id, (current: unknown) => {
      const latest = (current ?? {}) as Address;
      const country = latest.country ?? home;
      const addressType = country === home ? 'DOMESTIC' : 'INTERNATIONAL';
      return cleanAddress({ ...latest, country, addressType, ...patch }, home);
    });
  const blur = () => onBlur(field.id);
  const problem = error ? (
    <Text
      c="var(--mantine-color-error)"
      size="sm"
      role="alert"
      style={{ gridColumn: '1 / -1' }}
      data-testid={`${field.id}-error`}
    >
      {error}
    </Text>
  ) : null;
  const part = (name: string) => (
    <TextInput
      key={name}
      label={intl.formatMessage({ id: `forms.address.${name}` })}
      withAsterisk={!domestic && REQUIRED_PARTS.has(name)}
      name={`${field.id}.${name}`}
      autoComplete="off"
      value={address[name] ?? ''}
      onChange={(e) => update({ [name]: e.currentTarget.value })}
      onBlur={blur}
    />
  );
  return (
    <div {...wrapperProps(field)}>
      <Fieldset
        data-field={field.id}
        legend={
          <Text fw={500} size="sm" component="span">
            {text(field.label)}
            {field.required && (
              <Text span c="red" aria-hidden>
                {' *'}
              </Text>
            )}
          </Text>
        }
        variant="unstyled"
        style={{ borderLeft: '3px solid var(--mantine-color-gray-3)', paddingLeft: 12 }}
      >
        {field.helpText && (
          <Text size="xs" c="dimmed" mb="xs">
            {text(field.helpText)}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={intl.formatMessage({ id: 'forms.address.country' })}
            name={`${field.id}.country`}
            value={country}
            data={countries}
            onChange={(e) => {
              const next = e.currentTarget.value;
              onChange(
                field.id,
                cleanAddress({ country: next, addressType: next === home ? 'DOMESTIC' : 'INTERNATIONAL' }, home),
              );
            }}
            onBlur={blur}
          />
          {domestic ? (
            <>
              <AdminAreaSelects
                fieldId={field.id}
                value={address.administrativeArea}
                onChange={(administrativeArea) => update({ administrativeArea })}
                onBlur={blur}
              />
              {/* A missing province or district is what "Required" is about: say it there, not under the postcode. */}
              {problem}
              {DOMESTIC_PARTS.map(part)}
            </>
          ) : (
            <>
              {problem}
              {INTERNATIONAL_PARTS.map(part)}
            </>
          )}
        </SimpleGrid>
      </Fieldset>
    </div>
  );
});
