import { CloseButton, Combobox, InputBase, Loader, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { memo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { useFormContext, wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';
import { useLocation, useLocationSearch } from '../locations.ts';

/**
 * LOCATION: type part of a facility's or office's name and pick it from at most 20 matches (searched on the
 * server, 300 ms after the last keystroke). With nothing typed it suggests those in the user's own area.
 */
export const LocationField = memo(function LocationField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'LOCATION'>>) {
  const { text } = useLanguage();
  const intl = useIntl();
  const { homeAreaId } = useFormContext();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search ?? '', 300);
  const selectedId = typeof value === 'string' ? value : undefined;
  const selected = useLocation(selectedId);
  const results = useLocationSearch(field.locationType, debounced, combobox.dropdownOpened ? homeAreaId : null);
  const shown = search ?? selected.data?.name ?? (selectedId && selected.isLoading ? '…' : (selectedId ?? ''));
  const options = results.data?.results ?? [];

  const choose = (id: string) => {
    onChange(field.id, id);
    setSearch(null);
    combobox.closeDropdown();
    onBlur(field.id);
  };

  return (
    <div {...wrapperProps(field)}>
      <Combobox store={combobox} onOptionSubmit={choose}>
        <Combobox.Target>
          <InputBase
            label={text(field.label)}
            description={field.helpText ? text(field.helpText) : undefined}
            error={error}
            withAsterisk={!!field.required}
            name={field.id}
            data-field={field.id}
            maw={480}
            autoComplete="off"
            placeholder={intl.formatMessage({ id: 'forms.location.placeholder' })}
            value={shown}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onFocus={() => combobox.openDropdown()}
            onClick={() => combobox.openDropdown()}
            onBlur={() => {
              combobox.closeDropdown();
              setSearch(null);
              onBlur(field.id);
            }}
            rightSection={
              results.isFetching ? (
                <Loader size="xs" />
              ) : selectedId ? (
                <CloseButton
                  size="sm"
                  aria-label={intl.formatMessage({ id: 'forms.location.clear' })}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    onChange(field.id, undefined);
                    setSearch('');
                  }}
                />
              ) : (
                <Combobox.Chevron />
              )
            }
            rightSectionPointerEvents={selectedId && !results.isFetching ? 'all' : 'none'}
          />
        </Combobox.Target>
        <Combobox.Dropdown>
          <Combobox.Options mah={280} style={{ overflowY: 'auto' }}>
            {options.map((location) => (
              <Combobox.Option value={location.id} key={location.id} active={location.id === selectedId}>
                {location.name}
              </Combobox.Option>
            ))}
            {!results.isFetching && options.length === 0 && (
              <Combobox.Empty>
                {intl.formatMessage({
                  id: debounced.trim() ? 'forms.location.noResults' : 'forms.location.typeToSearch',
                })}
              </Combobox.Empty>
            )}
            {results.isError && (
              <Text size="sm" c="red" p="xs">
                {intl.formatMessage({ id: 'forms.location.failed' })}
              </Text>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
    </div>
  );
});
