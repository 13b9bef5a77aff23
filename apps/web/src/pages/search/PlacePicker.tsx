import { Group, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { LocationCombobox, useLocationCombobox } from '../../components/LocationCombobox.tsx';
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
  const state = useLocationCombobox();
  const selected = useLocation(value || null);
  const results = usePlaceSearch(state.debounced);

  return (
    <LocationCombobox
      state={state}
      value={value || undefined}
      valueLabel={value ? (selected.data?.name ?? '…') : ''}
      options={results.data ?? []}
      fetching={results.isFetching}
      text={{
        placeholder: intl.formatMessage({ id: 'advancedSearch.place.placeholder' }),
        clear: intl.formatMessage({ id: 'advancedSearch.place.clear' }),
        noMatches: intl.formatMessage({ id: 'advancedSearch.place.none' }),
        typeToSearch: intl.formatMessage({ id: 'advancedSearch.place.typeToSearch' }),
      }}
      inputProps={{ label, description, 'data-testid': 'place-picker' }}
      comboboxProps={{ width: 360, position: 'bottom-start' }}
      renderOption={(location) => (
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <span>{location.name}</span>
          <Text span size="xs" c="dark.4">
            {intl.formatMessage({ id: `advancedSearch.place.${location.type}` })}
          </Text>
        </Group>
      )}
      onChoose={onChange}
      onClear={() => onChange('')}
    />
  );
}
