import type { Location } from '@lifeline/domain';
import {
  CloseButton,
  Combobox,
  InputBase,
  Loader,
  Text,
  useCombobox,
  type ComboboxProps,
  type ComboboxStore,
  type InputBaseProps,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';

/** What is typed into a LocationCombobox and its dropdown: kept by the owner, which searches with its own query. */
export interface LocationComboboxState {
  combobox: ComboboxStore;
  /** What was typed since the last choice; null while the input shows the chosen location. */
  search: string | null;
  setSearch(search: string | null): void;
  /** What was typed, 300 ms after the last keystroke: what to search the server for. */
  debounced: string;
}

export function useLocationCombobox(): LocationComboboxState {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search ?? '', 300);
  return { combobox, search, setSearch, debounced };
}

interface Props {
  state: LocationComboboxState;
  /** The chosen location's id, undefined for none. */
  value: string | undefined;
  /** What the input shows while nothing is typed: the chosen location's name, '…' while it loads, '' for none. */
  valueLabel: string;
  /** The matches for `state.debounced`. */
  options: Location[];
  /** A search is running: a spinner stands in for the clear button. */
  fetching: boolean;
  /** The search failed (shown under the options when `text.failed` is given). */
  failed?: boolean;
  /** The words shown, translated. */
  text: { placeholder: string; clear: string; noMatches: string; typeToSearch: string; failed?: string };
  /** The input's label, description, error, name, test ids… */
  inputProps: InputBaseProps & { name?: string; [attribute: `data-${string}`]: string };
  comboboxProps?: Pick<ComboboxProps, 'width' | 'position'>;
  /** An option's content; the location's name when not given. */
  renderOption?(location: Location): ReactNode;
  onChoose(id: string): void;
  onClear(): void;
  /** After a choice, and when the input loses focus. */
  onBlur?(): void;
}

/**
 * Search-as-you-type for one location: type part of its name and pick it from the matches the owner searched for
 * (`state.debounced`, never the whole list), or clear the choice.
 */
export function LocationCombobox({
  state: { combobox, search, setSearch, debounced },
  value,
  valueLabel,
  options,
  fetching,
  failed,
  text,
  inputProps,
  comboboxProps,
  renderOption = (location) => location.name,
  onChoose,
  onClear,
  onBlur,
}: Props) {
  const choose = (id: string) => {
    onChoose(id);
    setSearch(null);
    combobox.closeDropdown();
    onBlur?.();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={choose} {...comboboxProps}>
      <Combobox.Target>
        <InputBase
          {...inputProps}
          autoComplete="off"
          placeholder={text.placeholder}
          value={search ?? valueLabel}
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
            onBlur?.();
          }}
          rightSection={
            fetching ? (
              <Loader size="xs" />
            ) : value ? (
              <CloseButton
                size="sm"
                aria-label={text.clear}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  onClear();
                  setSearch('');
                }}
              />
            ) : (
              <Combobox.Chevron />
            )
          }
          rightSectionPointerEvents={value && !fetching ? 'all' : 'none'}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={280} style={{ overflowY: 'auto' }}>
          {options.map((location) => (
            <Combobox.Option value={location.id} key={location.id} active={location.id === value}>
              {renderOption(location)}
            </Combobox.Option>
          ))}
          {!fetching && options.length === 0 && (
            <Combobox.Empty>{debounced.trim() ? text.noMatches : text.typeToSearch}</Combobox.Empty>
          )}
          {failed && text.failed && (
            <Text size="sm" c="red" p="xs">
              {text.failed}
            </Text>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
