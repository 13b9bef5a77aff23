import { CloseButton, Combobox, Group, InputBase, Loader, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useLocation } from '../data/queries.ts';
import { usePlaceSearch } from './data.ts';

interface Props {
  label: string;
  description?: string;
  /** The chosen location's id, '' for none. */
  value: string;
  onChange(id: string): void;
}

/**
 * A place of event: type part of an area's or a health facility's name and pick it from the matches (searched on
 * the server 300 ms after the last keystroke, never the whole list).
 */
export function PlacePicker({ label, description, value, onChange }: Props) {
  const intl = useIntl();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search ?? '', 300);
  const selected = useLocation(value || null);
  const results = usePlaceSearch(debounced);
  const options = results.data ?? [];
  const shown = search ?? (value ? (selected.data?.name ?? '…') : '');

  const choose = (id: string) => {
    onChange(id);
    setSearch(null);
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={choose} width={360} position="bottom-start">
      <Combobox.Target>
        <InputBase
          label={label}
          description={description}
          autoComplete="off"
          data-testid="place-picker"
          placeholder={intl.formatMessage({ id: 'advancedSearch.place.placeholder' })}
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
          }}
          rightSection={
            results.isFetching ? (
              <Loader size="xs" />
            ) : value ? (
              <CloseButton
                size="sm"
                aria-label={intl.formatMessage({ id: 'advancedSearch.place.clear' })}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  onChange('');
                  setSearch('');
                }}
              />
            ) : (
              <Combobox.Chevron />
            )
          }
          rightSectionPointerEvents={value && !results.isFetching ? 'all' : 'none'}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={280} style={{ overflowY: 'auto' }}>
          {options.map((location) => (
            <Combobox.Option value={location.id} key={location.id} active={location.id === value}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <span>{location.name}</span>
                <Text span size="xs" c="dark.4">
                  {intl.formatMessage({ id: `advancedSearch.place.${location.type}` })}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
          {!results.isFetching && options.length === 0 && (
            <Combobox.Empty>
              {intl.formatMessage({
                id: debounced.trim() ? 'advancedSearch.place.none' : 'advancedSearch.place.typeToSearch',
              })}
            </Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
