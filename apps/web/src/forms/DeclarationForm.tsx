import { holdsValue, type ApplicationSettings, type EventConfig } from '@lifeline/domain';
import { Alert, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import type { EventDocument, Me } from '../api/types.ts';
import { useLanguage } from '../i18n/LanguageProvider.tsx';
import type { SubmitOptions } from './actions.ts';
import type { Draft } from './drafts.ts';
import { mapServerErrors } from './errors.ts';
import { FormContext, type FormContextValue } from './FormContext.ts';
import { FormPage } from './FormPage.tsx';
import { keepFocus, PageList, REVIEW } from './PageList.tsx';
import { ReviewPage } from './ReviewPage.tsx';
import { SaveControls } from './SaveControls.tsx';
import { SubmitBar } from './SubmitBar.tsx';
import { titleOf } from './submission.ts';
import { useAutosave } from './useAutosave.ts';
import { useFormState } from './useFormState.ts';
import { useSubmit } from './useSubmit.ts';

export interface DeclarationFormProps {
  event: EventConfig;
  settings: ApplicationSettings;
  me: Me;
  draft: Draft;
  /** The record being continued or edited; absent for a new one. */
  record?: EventDocument;
  /** A national ID provider is configured: people on the record can be verified with it. */
  identityProvider?: boolean;
  today: string;
  homeAreaId: string | null;
  options: SubmitOptions;
}

/** Scroll to a field and put the cursor in its first input ("Change" links, "Continue" with problems). */
function focusField(fieldId: string) {
  const el = document.getElementById(`field-${fieldId}`);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button')?.focus({ preventScroll: true });
}

/** The form itself: pages with Back and Continue, a list of pages, then the review page and the send buttons. */
export function DeclarationForm(props: DeclarationFormProps) {
  const { event, draft, record, today } = props;
  const { text, language } = useLanguage();
  const intl = useIntl();
  const form = useFormState(event, draft.values, today, language);
  const [params, setParams] = useSearchParams();
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set());
  const [insisted, setInsisted] = useState<string | null>(null);

  const pages = form.visibility.pages;
  const requested = params.get('page') ?? draft.page;
  const current = requested === REVIEW || pages.some((p) => p.id === requested) ? requested! : pages[0].id;
  const index = current === REVIEW ? pages.length : pages.findIndex((p) => p.id === current);
  const page = pages[index];
  const title = titleOf(form.visibility.values[event.titleField]);
  const autosave = useAutosave(draft, form.values, current, title);
  const { submit, submitting, problem } = useSubmit({
    event,
    form,
    draft,
    record,
    today,
    language,
    title,
    beforeLeave: autosave.stop,
  });

  const context = useMemo<FormContextValue>(
    () => ({ event, settings: props.settings, today, homeAreaId: props.homeAreaId }),
    [event, props.settings, today, props.homeAreaId],
  );

  const problemsOf = (pageId: string, errors = form.errors) =>
    (pages.find((p) => p.id === pageId)?.fields ?? [])
      .filter((f) => holdsValue(f) && form.visibility.fields.has(f.id) && (errors[f.id] || form.serverErrors[f.id]))
      .map((f) => f.id);
  // Keys rather than new objects each keystroke, so the page list and buttons re-render only when they change.
  const pageKey = pages.map((p) => p.id).join(',');
  const stablePages = useMemo(() => pages, [pageKey]);
  const problemKey = pages
    .filter((p) => visited.has(p.id) && problemsOf(p.id).length)
    .map((p) => p.id)
    .join(',');
  const withProblems = useMemo(() => new Set(problemKey.split(',').filter(Boolean)), [problemKey]);
  const valuesRef = useRef(form.values);
  valuesRef.current = form.values;
  const getValues = useCallback(() => valuesRef.current, []);

  // A refused submission taken back from the outbox: show the server's reasons on their fields.
  const problems = draft.problems;
  useEffect(() => {
    if (!problems?.length) return;
    form.setServerErrors(mapServerErrors(problems, form.visibility.fields).byField);
    // Once, when the form opens with them (form and visibility change with every answer).
  }, [problems]);

  const focus = params.get('field');
  useEffect(() => {
    if (focus) requestAnimationFrame(() => focusField(focus));
    else {
      // A new page: start at its top, and let screen readers announce its title.
      window.scrollTo({ top: 0 });
      document.querySelector<HTMLElement>('[data-page-heading]')?.focus({ preventScroll: true });
    }
  }, [current, focus]);

  const go = (pageId: string) => {
    setVisited((v) => new Set(v).add(current));
    if (current !== REVIEW && page) form.touchAll(page.fields.map((f) => f.id));
    setInsisted(null);
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('page', pageId);
      next.delete('field');
      return next;
    });
  };

  const goRef = useRef(go);
  goRef.current = go;
  const onSelect = useCallback((pageId: string) => goRef.current(pageId), []);

  const next = () => {
    if (!page) return;
    const problems = problemsOf(page.id, form.validateNow());
    if (problems.length && insisted !== page.id) {
      form.touchAll(page.fields.map((f) => f.id));
      setInsisted(page.id);
      focusField(problems[0]);
      return;
    }
    go(pages[index + 1]?.id ?? REVIEW);
  };

  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  return (
    <FormContext.Provider value={context}>
      <Container size="md" py="md" data-testid="declare-form" data-event={event.id}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2">
                {t('forms.heading', { event: text(event.label) })}
              </Title>
              {(title || record) && (
                <Text c="dimmed" size="sm">
                  {[title, record?.trackingId].filter(Boolean).join(' · ')}
                </Text>
              )}
            </div>
            <SaveControls draft={draft} getValues={getValues} autosave={autosave} record={record} />
          </Group>
          {record?.assignedTo && record.assignedTo !== props.me.id && (
            <Alert color="orange">{t('forms.assignedToOther')}</Alert>
          )}
          <PageList pages={stablePages} current={current} withProblems={withProblems} onSelect={onSelect} />
          {current === REVIEW ? (
            <ReviewPage event={event} form={form}>
              <SubmitBar
                event={event}
                form={form}
                today={today}
                options={props.options}
                submitting={submitting}
                problem={problem}
                onSubmit={submit}
              />
            </ReviewPage>
          ) : (
            <FormPage
              page={page}
              form={form}
              identity={
                record && props.identityProvider
                  ? { recordId: record.id, beforeLeaving: async () => void (await autosave.flush()) }
                  : undefined
              }
            />
          )}
          {insisted === current && problemsOf(current).length > 0 && (
            <Alert color="red" role="alert" data-testid="page-problems">
              <Group justify="space-between">
                <Text size="sm">{t('forms.pageProblems', { count: problemsOf(current).length })}</Text>
                <Button
                  size="xs"
                  variant="default"
                  onMouseDown={keepFocus}
                  onClick={() => go(pages[index + 1]?.id ?? REVIEW)}
                >
                  {t('forms.continueAnyway')}
                </Button>
              </Group>
            </Alert>
          )}
          <Group justify="space-between">
            <Button
              variant="default"
              disabled={index === 0}
              onMouseDown={keepFocus}
              onClick={() => go(pages[index - 1]?.id ?? pages[0].id)}
            >
              {t('forms.back')}
            </Button>
            {current !== REVIEW && (
              <Button onMouseDown={keepFocus} onClick={next}>
                {t('forms.continue')}
              </Button>
            )}
          </Group>
        </Stack>
      </Container>
    </FormContext.Provider>
  );
}
