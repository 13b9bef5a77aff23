import { Group, NativeSelect, TextInput } from '@mantine/core';
import { memo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';

/** A number as typed: undefined when empty, a number when it is one ("3,5" too), else the text (reported). */
export function parseNumber(text: string): number | string | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

const show = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/**
 * Keep what the user types (e.g. "3." on the way to "3.2") while storing the parsed number; take the stored
 * value again when it changes from outside (a restored draft).
 */
function useNumberText(value: unknown) {
  const [state, setState] = useState({ text: show(value), value });
  if (state.value !== value && parseNumber(state.text) !== value) setState({ text: show(value), value });
  return [state.text, (text: string, parsed: unknown) => setState({ text, value: parsed })] as const;
}

/** NUMBER and AGE. */
export const NumberField = memo(function NumberField(props: FieldProps<FieldOf<'NUMBER' | 'AGE'>>) {
  const { field, value, error, onChange, onBlur } = props;
  const { text } = useLanguage();
  const intl = useIntl();
  const [typed, setTyped] = useNumberText(value);
  const unit = field.type === 'NUMBER' && field.unit ? text(field.unit) : undefined;
  const whole = field.type === 'AGE' || (field.type === 'NUMBER' && field.integer);
  return (
    <div {...wrapperProps(field)}>
      <TextInput
        label={text(field.label)}
        description={field.helpText ? text(field.helpText) : undefined}
        error={error}
        withAsterisk={!!field.required}
        name={field.id}
        data-field={field.id}
        inputMode={whole ? 'numeric' : 'decimal'}
        autoComplete="off"
        maw={240}
        value={typed}
        rightSection={unit}
        rightSectionWidth={unit ? 48 : undefined}
        aria-description={field.type === 'AGE' ? intl.formatMessage({ id: 'forms.age.years' }) : unit}
        onChange={(e) => {
          const parsed = parseNumber(e.currentTarget.value);
          setTyped(e.currentTarget.value, parsed);
          onChange(field.id, parsed);
        }}
        onBlur={() => onBlur(field.id)}
      />
    </div>
  );
});

interface WithUnit {
  numericValue?: number | string;
  unit?: string;
}

/** NUMBER_WITH_UNIT: a number and its unit ({numericValue, unit}). */
export const NumberWithUnitField = memo(function NumberWithUnitField(props: FieldProps<FieldOf<'NUMBER_WITH_UNIT'>>) {
  const { field, value, error, onChange, onBlur } = props;
  const { text } = useLanguage();
  const intl = useIntl();
  const current = (value ?? {}) as WithUnit;
  const [typed, setTyped] = useNumberText(current.numericValue);
  const update = (patch: WithUnit) =>
    onChange(field.id, (latest: unknown) => {
      const next = { ...(latest as WithUnit | undefined), ...patch };
      const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
      return Object.keys(clean).length ? clean : undefined;
    });
  return (
    <div {...wrapperProps(field)}>
      <Group align="flex-start" gap="xs">
        <TextInput
          label={text(field.label)}
          description={field.helpText ? text(field.helpText) : undefined}
          error={error}
          withAsterisk={!!field.required}
          name={`${field.id}.numericValue`}
          data-field={field.id}
          inputMode="decimal"
          autoComplete="off"
          maw={200}
          value={typed}
          onChange={(e) => {
            const parsed = parseNumber(e.currentTarget.value);
            setTyped(e.currentTarget.value, parsed);
            update({ numericValue: parsed });
          }}
          onBlur={() => onBlur(field.id)}
        />
        <NativeSelect
          label={intl.formatMessage({ id: 'forms.unit' })}
          description={field.helpText ? ' ' : undefined}
          name={`${field.id}.unit`}
          value={current.unit ?? ''}
          data={[
            { value: '', label: intl.formatMessage({ id: 'forms.select.placeholder' }) },
            ...field.units.map((u) => ({ value: u.value, label: text(u.label) })),
          ]}
          onChange={(e) => update({ unit: e.currentTarget.value || undefined })}
          onBlur={() => onBlur(field.id)}
        />
      </Group>
    </div>
  );
});
