import { Checkbox, NativeSelect, Radio, Stack } from '@mantine/core';
import { memo } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';

/** SELECT as the device's own select: fast on cheap tablets, and works with any keyboard or screen reader. */
export const SelectField = memo(function SelectField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'SELECT'>>) {
  const { text } = useLanguage();
  const intl = useIntl();
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
        data={[
          { value: '', label: intl.formatMessage({ id: 'forms.select.placeholder' }) },
          ...field.options.map((o) => ({ value: o.value, label: text(o.label) })),
        ]}
        onChange={(e) => {
          onChange(field.id, e.currentTarget.value || undefined);
          onBlur(field.id);
        }}
        onBlur={() => onBlur(field.id)}
      />
    </div>
  );
});

export const RadioField = memo(function RadioField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'RADIO_GROUP'>>) {
  const { text } = useLanguage();
  return (
    <div {...wrapperProps(field)}>
      <Radio.Group
        label={text(field.label)}
        description={field.helpText ? text(field.helpText) : undefined}
        error={error}
        withAsterisk={!!field.required}
        name={field.id}
        data-field={field.id}
        value={typeof value === 'string' ? value : null}
        onChange={(next) => {
          onChange(field.id, next);
          onBlur(field.id);
        }}
      >
        <Stack gap="xs" mt={6}>
          {field.options.map((o) => (
            <Radio key={o.value} value={o.value} label={text(o.label)} />
          ))}
        </Stack>
      </Radio.Group>
    </div>
  );
});

/** CHECKBOX: true when ticked; unticking removes the answer. */
export const CheckboxField = memo(function CheckboxField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'CHECKBOX'>>) {
  const { text } = useLanguage();
  return (
    <div {...wrapperProps(field)}>
      <Checkbox
        label={text(field.label)}
        description={field.helpText ? text(field.helpText) : undefined}
        error={error}
        name={field.id}
        data-field={field.id}
        checked={value === true}
        onChange={(e) => {
          onChange(field.id, e.currentTarget.checked ? true : undefined);
          onBlur(field.id);
        }}
      />
    </div>
  );
});
