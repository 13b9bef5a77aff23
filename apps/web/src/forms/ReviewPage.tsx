import { holdsValue, isEmptyValue, type EventConfig } from '@lifeline/domain';
import { Alert, Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useLanguage } from '../i18n/LanguageProvider.tsx';
import { describeError } from './errors.ts';
import { FormattedValue } from './FormattedValue.tsx';
import classes from './review.module.css';
import type { FormState } from './useFormState.ts';

/** Link to a field on its page (the form scrolls to it and focuses it). */
export function fieldLink(search: URLSearchParams, pageId: string, fieldId: string) {
  const next = new URLSearchParams(search);
  next.set('page', pageId);
  next.set('field', fieldId);
  return `?${next}`;
}

/**
 * Every answer, grouped by page, with a "Change" link back to its field; missing required answers and other
 * problems are flagged. The submit buttons come below (children).
 */
export function ReviewPage({ event, form, children }: { event: EventConfig; form: FormState; children: ReactNode }) {
  const { text } = useLanguage();
  const intl = useIntl();
  const [search] = useSearchParams();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const problems = Object.keys({ ...form.errors, ...form.serverErrors }).filter((id) => form.visibility.fields.has(id));
  return (
    <Stack gap="lg" data-testid="page-check">
      <Title order={2} size="h3" tabIndex={-1} data-page-heading style={{ outline: 'none' }}>
        <FormattedMessage id="forms.review.title" values={{ event: text(event.label) }} />
      </Title>
      {problems.length > 0 ? (
        <Alert color="red" title={t('forms.review.incompleteTitle')} data-testid="review-problems">
          {t('forms.review.incomplete', { count: problems.length })}
        </Alert>
      ) : (
        <Alert color="green" data-testid="review-complete">
          {t('forms.review.complete')}
        </Alert>
      )}
      {form.visibility.pages.map((page) => {
        const fields = page.fields.filter((f) => holdsValue(f) && form.visibility.fields.has(f.id));
        if (fields.length === 0) return null;
        return (
          <Paper key={page.id} withBorder p="md" radius="md" data-testid={`review-${page.id}`}>
            <Title order={3} size="h4" mb="xs">
              {text(page.title)}
            </Title>
            <Table layout="fixed" verticalSpacing="xs" className={classes.answers}>
              <Table.Tbody>
                {fields.map((field) => {
                  const value = form.visibility.values[field.id];
                  const problem = form.serverErrors[field.id] ?? form.errors[field.id];
                  const missing = isEmptyValue(value);
                  const label = text(field.label);
                  return (
                    <Table.Tr
                      key={field.id}
                      data-testid={`review-${field.id}`}
                      data-problem={problem ? 'true' : undefined}
                    >
                      <Table.Th w="35%" fw={500} style={{ verticalAlign: 'top' }}>
                        {label}
                      </Table.Th>
                      <Table.Td style={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
                        {missing && field.type === 'CHECKBOX' ? (
                          <Text size="sm">{t('forms.no')}</Text>
                        ) : missing ? (
                          field.required ? (
                            <Badge color="red" variant="light">
                              {t('forms.review.missing')}
                            </Badge>
                          ) : (
                            <Text c="dimmed" size="sm">
                              {t('forms.review.notAnswered')}
                            </Text>
                          )
                        ) : (
                          <FormattedValue field={field} value={value} />
                        )}
                        {problem && !(missing && problem === 'required') && (
                          <Text c="red" size="sm">
                            {describeError(problem, t)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td w={90} ta="right" style={{ verticalAlign: 'top' }}>
                        <Anchor
                          component={Link}
                          to={fieldLink(search, page.id, field.id)}
                          size="sm"
                          aria-label={t('forms.review.changeNamed', { label })}
                        >
                          {t('forms.review.change')}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
        );
      })}
      {children}
    </Stack>
  );
}
