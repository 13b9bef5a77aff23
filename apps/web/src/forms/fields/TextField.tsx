import { Textarea, TextInput } from '@mantine/core';
import { memo } from 'react';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';

type TextLike = FieldOf<'TEXT' | 'TEXTAREA' | 'PHONE' | 'EMAIL' | 'ID'>;

const INPUT: Record<Exclude<TextLike['type'], 'TEXTAREA'>, { type: string; inputMode: 'text' | 'tel' | 'email' }> = {
  TEXT: { type: 'text', inputMode: 'text' },
  PHONE: { type: 'tel', inputMode: 'tel' },
  EMAIL: { type: 'email', inputMode: 'email' },
  ID: { type: 'text', inputMode: 'text' },
};

/** TEXT, TEXTAREA, PHONE, EMAIL and ID: one line (or box) of text; spaces around it are dropped on leaving. */
export const TextField = memo(function TextField({ field, value, error, onChange, onBlur }: FieldProps<TextLike>) {
  const { text } = useLanguage();
  const current = typeof value === 'string' ? value : '';
  const common = {
    label: text(field.label),
    description: field.helpText ? text(field.helpText) : undefined,
    error,
    withAsterisk: !!field.required,
    name: field.id,
    'data-field': field.id,
    value: current,
    onBlur: () => {
      if (current !== current.trim()) onChange(field.id, current.trim() || undefined);
      onBlur(field.id);
    },
  };
  const change = (next: string) => onChange(field.id, next === '' ? undefined : next);
  return (
    <div {...wrapperProps(field)}>
      {field.type === 'TEXTAREA' ? (
        <Textarea {...common} autosize minRows={3} maxRows={10} onChange={(e) => change(e.currentTarget.value)} />
      ) : (
        <TextInput
          {...common}
          {...INPUT[field.type]}
          autoComplete="off"
          spellCheck={field.type === 'TEXT'}
          onChange={(e) => change(e.currentTarget.value)}
        />
      )}
    </div>
  );
});
