import type { PageConfig } from '@lifeline/domain';
import { Stack, Title } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useLanguage } from '../i18n/LanguageProvider.tsx';
import { describeError } from './errors.ts';
import { Field } from './fields/Field.tsx';
import type { FormState } from './useFormState.ts';

/** One page of the form: its visible fields, each with its error once the user has left it or tried to go on. */
export function FormPage({ page, form }: { page: PageConfig; form: FormState }) {
  const { text } = useLanguage();
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  return (
    <Stack gap="md" data-testid={`page-${page.id}`}>
      <Title order={2} size="h3" tabIndex={-1} data-page-heading style={{ outline: 'none' }}>
        {text(page.title)}
      </Title>
      {page.fields
        .filter((f) => form.visibility.fields.has(f.id))
        .map((field) => {
          const problem =
            form.serverErrors[field.id] ?? (form.touched.has(field.id) ? form.errors[field.id] : undefined);
          return (
            <Field
              key={field.id}
              field={field}
              value={form.values[field.id]}
              values={field.type === 'DATA' ? form.visibility.values : {}}
              error={problem ? describeError(problem, t) : undefined}
              onChange={form.setValue}
              onBlur={form.touch}
            />
          );
        })}
    </Stack>
  );
}
