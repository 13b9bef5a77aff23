import { textIn, type FieldConfig, type FileValue } from '@lifeline/domain';
import { Group, List, Stack, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useAppConfig } from '../api/config.ts';
import { useLanguage } from '../i18n/LanguageProvider.tsx';
import { countryName } from './countries.ts';
import { FileLink, SignatureImage } from './fields/FileLink.tsx';
import { useAreaPath, useLocation } from './locations.ts';

/** A date as people read it ("15 March 2024"), judged as a calendar day whatever the device's time zone. */
export function formatDate(value: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function useHomeCountry() {
  const settings = useAppConfig().data?.settings;
  return settings ? { code: settings.countryCode, name: settings.countryName } : undefined;
}

export function LocationName({ id }: { id: string }) {
  const location = useLocation(id);
  return <>{location.data?.name ?? (location.isLoading ? '…' : id)}</>;
}

/** The names of an address's areas, from the smallest up (village, district, province). */
function AreaNames({ id }: { id: string }) {
  const path = useAreaPath(id);
  const ids = path.data ? [...path.data].reverse() : [id];
  return (
    <>
      {ids.map((areaId) => (
        <Text key={areaId} size="sm">
          <LocationName id={areaId} />
        </Text>
      ))}
    </>
  );
}

function AddressValue({ value }: { value: Record<string, string | undefined> }) {
  const { language } = useLanguage();
  const home = useHomeCountry();
  const line = (...parts: Array<string | undefined>) => parts.filter(Boolean).join(' ');
  const lines =
    value.addressType === 'INTERNATIONAL'
      ? [value.addressLine1, value.addressLine2, value.addressLine3, line(value.cityOrTown, value.postcodeOrZip)]
          .concat([value.district2, value.state])
          .filter(Boolean)
      : [line(value.number, value.street), value.residentialArea, line(value.town, value.zipCode)].filter(Boolean);
  return (
    <Stack gap={0}>
      {lines.map((l, i) => (
        <Text key={i} size="sm">
          {l}
        </Text>
      ))}
      {value.addressType === 'DOMESTIC' && value.administrativeArea && <AreaNames id={value.administrativeArea} />}
      <Text size="sm">{value.country ? countryName(value.country, language, home) : ''}</Text>
    </Stack>
  );
}

/** An answer rendered for reading: names joined, dates written out, options by label, places by name. */
export function FormattedValue({ field, value }: { field: FieldConfig; value: unknown }) {
  const intl = useIntl();
  const { language, text } = useLanguage();
  const home = useHomeCountry();
  if (value === undefined || value === null || value === '') return null;
  switch (field.type) {
    case 'NAME': {
      const n = value as Record<string, string | undefined>;
      return <>{[n.firstname, n.middlename, n.surname].filter(Boolean).join(' ')}</>;
    }
    case 'DATE':
      return <>{formatDate(String(value), language)}</>;
    case 'NUMBER':
      return <>{[intl.formatNumber(value as number), field.unit ? text(field.unit) : ''].join(' ').trim()}</>;
    case 'NUMBER_WITH_UNIT': {
      const v = value as { numericValue?: number; unit?: string };
      const unit = field.units.find((u) => u.value === v.unit);
      return <>{[v.numericValue, unit ? text(unit.label) : v.unit].filter((p) => p !== undefined).join(' ')}</>;
    }
    case 'SELECT':
    case 'RADIO_GROUP': {
      const option = field.options.find((o) => o.value === value);
      return <>{option ? text(option.label) : String(value)}</>;
    }
    case 'CHECKBOX':
      return <>{intl.formatMessage({ id: value === true ? 'forms.yes' : 'forms.no' })}</>;
    case 'COUNTRY':
      return <>{countryName(String(value), language, home)}</>;
    case 'LOCATION':
      return <LocationName id={String(value)} />;
    case 'ADDRESS':
      return <AddressValue value={value as Record<string, string | undefined>} />;
    case 'FILE':
      return <FileLink file={value as FileValue} />;
    case 'FILE_WITH_OPTIONS':
      return (
        <List size="sm" listStyleType="none" spacing={2}>
          {(value as Array<FileValue & { option: string }>).map((item) => {
            const option = field.options.find((o) => o.value === item.option);
            return (
              <List.Item key={item.path + item.option}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{option ? textIn(option.label, language) : item.option}:</Text>
                  <FileLink file={item} />
                </Group>
              </List.Item>
            );
          })}
        </List>
      );
    case 'SIGNATURE':
      return <SignatureImage file={value as FileValue} />;
    default:
      return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
  }
}
