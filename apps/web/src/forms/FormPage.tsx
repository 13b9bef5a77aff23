import type { PageConfig } from '@lifeline/domain';
import { Stack, Title } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useLanguage } from '../i18n/LanguageProvider.tsx';
import { describeError } from './errors.ts';
import { Field } from './fields/Field.tsx';
import { useIdentityLocks } from './identity/useIdentityLocks.ts';
import { VerifyIdentity } from './identity/VerifyIdentity.tsx';
import type { FormState } from './useFormState.ts';

/** One page of the form: its visible fields, each with its error once the user has left it or tried to go on. */
export function FormPage({
  page,
  form,
  identity,
}: {
  page: PageConfig;
  form: FormState;
  /** The record is on the server and a national ID provider is configured: its people can be verified. */
  identity?: { recordId: string; beforeLeaving?: () => Promise<void> };
}) {
  const locks = useIdentityLocks(identity?.recordId, !!identity, form);
  const { text } = useLanguage();
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  return (
    <Stack gap="md" data-testid={`page-${page.id}`}>
      <Title order={2} size="h3" tabIndex={-1} data-page-heading style={{ outline: 'none' }}>
        {text(page.title)}
      </Title>
      {identity && (
        <VerifyIdentity
          page={page}
          recordId={identity.recordId}
          verified={locks.people}
          beforeLeaving={identity.beforeLeaving}
        />
      )}
      {page.fields
        .filter((f) => form.visibility.fields.has(f.id))
        .map((field) => {
          const problem =
            form.serverErrors[field.id] ?? (form.touched.has(field.id) ? form.errors[field.id] : undefined);
          const input = (
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
          // Vouched for by the national ID provider: shown, not editable (the server refuses changes too).
          return locks.locked.has(field.id) ? (
            <fieldset
              key={field.id}
              disabled
              data-locked={field.id}
              style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
            >
              {input}
            </fieldset>
          ) : (
            input
          );
        })}
    </Stack>
  );
}
