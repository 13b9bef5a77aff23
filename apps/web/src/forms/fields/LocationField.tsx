import { memo } from 'react';
import { useIntl } from 'react-intl';
import { LocationCombobox, useLocationCombobox } from '../../components/LocationCombobox.tsx';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { useFormContext, wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';
import { usePlaces } from '../../offline/usePlaces.ts';
import { useLocation, useLocationSearch } from '../locations.ts';

/**
 * LOCATION: type part of a facility's or office's name and pick it from at most 20 matches (searched on the
 * device at each keystroke, also offline). With nothing typed it suggests those in the user's own area.
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
  const places = usePlaces();
  const state = useLocationCombobox();
  const selectedId = typeof value === 'string' ? value : undefined;
  const selected = useLocation(selectedId);
  const results = useLocationSearch(
    field.locationType,
    state.search ?? '',
    state.debounced,
    state.combobox.dropdownOpened ? homeAreaId : null,
  );

  return (
    <div {...wrapperProps(field)} data-places={places ? 'device' : 'server'}>
      <LocationCombobox
        state={state}
        value={selectedId}
        valueLabel={selected.data?.name ?? (selectedId && selected.isLoading ? '…' : (selectedId ?? ''))}
        options={results.data?.results ?? []}
        fetching={results.isFetching}
        failed={results.isError}
        text={{
          placeholder: intl.formatMessage({ id: 'forms.location.placeholder' }),
          clear: intl.formatMessage({ id: 'forms.location.clear' }),
          noMatches: intl.formatMessage({ id: 'forms.location.noResults' }),
          typeToSearch: intl.formatMessage({ id: 'forms.location.typeToSearch' }),
          failed: intl.formatMessage({ id: 'forms.location.failed' }),
        }}
        inputProps={{
          label: text(field.label),
          description: field.helpText ? text(field.helpText) : undefined,
          error,
          withAsterisk: !!field.required,
          name: field.id,
          'data-field': field.id,
          maw: 480,
        }}
        onChoose={(id) => onChange(field.id, id)}
        onClear={() => onChange(field.id, undefined)}
        onBlur={() => onBlur(field.id)}
      />
    </div>
  );
});
