import type { Location } from '@lifeline/domain';
import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { api } from '../../api/client.ts';
import { LocationCombobox, useLocationCombobox } from '../../components/LocationCombobox.tsx';
import { useLocation } from '../data/queries.ts';

/** Offices and health facilities whose name matches (workplaces of staff), searched on the server. */
function useWorkplaceSearch(text: string) {
  return useQuery({
    queryKey: ['workplaces', text],
    queryFn: async ({ signal }) => {
      const page = await api<{ results: Location[] }>(
        `/api/locations?${new URLSearchParams({ q: text, limit: '30' })}`,
        { anonymous: true, signal },
      );
      return page.results.filter((l) => l.type !== 'ADMIN_AREA');
    },
    enabled: text.trim().length > 0,
    staleTime: 60_000,
  });
}

interface Props {
  label: string;
  value: string;
  onChange(id: string): void;
  error?: string;
  required?: boolean;
  testId?: string;
}

/** An office or health facility: type part of its name, pick it from the matches. */
export function OfficePicker({ label, value, onChange, error, required, testId = 'office-picker' }: Props) {
  const intl = useIntl();
  const state = useLocationCombobox();
  const selected = useLocation(value || null);
  const results = useWorkplaceSearch(state.debounced);
  return (
    <LocationCombobox
      state={state}
      value={value || undefined}
      valueLabel={value ? (selected.data?.name ?? '…') : ''}
      options={results.data ?? []}
      fetching={results.isFetching}
      text={{
        placeholder: intl.formatMessage({ id: 'office.placeholder' }),
        clear: intl.formatMessage({ id: 'office.clear' }),
        noMatches: intl.formatMessage({ id: 'office.none' }),
        typeToSearch: intl.formatMessage({ id: 'office.typeToSearch' }),
      }}
      inputProps={{ label, error, required, 'data-testid': testId }}
      comboboxProps={{ width: 360, position: 'bottom-start' }}
      renderOption={(location) => (
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <span>{location.name}</span>
          <Text span size="xs" c="dark.4">
            {intl.formatMessage({ id: `office.type.${location.type}` })}
          </Text>
        </Group>
      )}
      onChoose={onChange}
      onClear={() => onChange('')}
    />
  );
}
