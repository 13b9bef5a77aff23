import { Input, SimpleGrid, TextInput } from '@mantine/core';
import { memo } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';

const PARTS = ['firstname', 'middlename', 'surname'] as const;
type Name = Partial<Record<(typeof PARTS)[number], string>>;

/** NAME: first name(s), middle name and surname; stored without empty parts, undefined when all are empty. */
export const NameField = memo(function NameField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'NAME'>>) {
  const { text } = useLanguage();
  const intl = useIntl();
  const name = (value ?? {}) as Name;
  const update = (part: keyof Name, typed: string) =>
    onChange(field.id, (current: unknown) => {
      const next: Name = { ...(current as Name | undefined), [part]: typed };
      const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
      return Object.keys(clean).length ? clean : undefined;
    });
  const labelId = `${field.id}-label`;
  return (
    <div {...wrapperProps(field)}>
      <Input.Wrapper
        label={text(field.label)}
        labelElement="div"
        labelProps={{ id: labelId }}
        description={field.helpText ? text(field.helpText) : undefined}
        error={error}
        withAsterisk={!!field.required}
      >
        <SimpleGrid
          cols={{ base: 1, sm: 3 }}
          spacing="sm"
          mt={4}
          role="group"
          aria-labelledby={labelId}
          data-field={field.id}
        >
          {PARTS.map((part) => (
            <TextInput
              key={part}
              label={intl.formatMessage({ id: `forms.name.${part}` })}
              withAsterisk={!!field.required && part !== 'middlename'}
              name={`${field.id}.${part}`}
              autoComplete="off"
              value={name[part] ?? ''}
              error={!!error}
              onChange={(e) => update(part, e.currentTarget.value)}
              onBlur={() => {
                const v = name[part];
                if (v && v !== v.trim()) update(part, v.trim());
                onBlur(field.id);
              }}
            />
          ))}
        </SimpleGrid>
      </Input.Wrapper>
    </div>
  );
});
