import { Group, Input, TextInput } from '@mantine/core';
import { memo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { joinDate, parseWholeDate, splitDate, type DateParts } from '../dateParts.ts';
import { wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';

const PARTS: Array<{ key: keyof DateParts; digits: number; width: number }> = [
  { key: 'day', digits: 2, width: 64 },
  { key: 'month', digits: 2, width: 64 },
  { key: 'year', digits: 4, width: 88 },
];

/**
 * DATE as three boxes, day, month and year: quicker than a calendar for dates of birth decades ago, and usable
 * on any device. A whole date typed or pasted into any box ("15/03/2024", "2024-03-15") fills all three.
 */
export const DateField = memo(function DateField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'DATE'>>) {
  const { text } = useLanguage();
  const intl = useIntl();
  const [state, setState] = useState(() => ({ parts: splitDate(value), value }));
  // Restored or changed from outside: show the stored value. (While typing, the boxes keep "5" rather than "05".)
  let parts = state.parts;
  if (state.value !== value && joinDate(state.parts) !== value) {
    parts = splitDate(value);
    setState({ parts, value });
  }
  const update = (next: DateParts) => {
    const joined = joinDate(next);
    setState({ parts: next, value: joined });
    onChange(field.id, joined);
  };
  const labelId = `${field.id}-label`;
  return (
    <div {...wrapperProps(field)}>
      <Input.Wrapper
        label={text(field.label)}
        labelElement="div"
        labelProps={{ id: labelId }}
        description={field.helpText ? text(field.helpText) : intl.formatMessage({ id: 'forms.date.hint' })}
        error={error}
        withAsterisk={!!field.required}
      >
        <Group gap="xs" mt={4} role="group" aria-labelledby={labelId} data-field={field.id}>
          {PARTS.map(({ key, digits, width }) => (
            <TextInput
              key={key}
              label={intl.formatMessage({ id: `forms.date.${key}` })}
              size="sm"
              w={width}
              name={`${field.id}.${key}`}
              inputMode="numeric"
              autoComplete="off"
              value={parts[key]}
              error={!!error}
              onChange={(e) => {
                const typed = e.currentTarget.value;
                const whole = parseWholeDate(typed);
                update(whole ?? { ...parts, [key]: typed.replace(/\D/g, '').slice(0, digits) });
              }}
              onBlur={() => onBlur(field.id)}
            />
          ))}
        </Group>
      </Input.Wrapper>
    </div>
  );
});
