import { validateDeclaration, type EventConfig } from '@lifeline/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { EventDocument } from '../api/types.ts';
import { enqueue, uploadDocumentsNow } from '../offline/sender.ts';
import type { SubmitAction } from './actions.ts';
import { deleteDraft, saveDraft, type Draft } from './drafts.ts';
import { errorsByField, mapServerErrors } from './errors.ts';
import type { SubmitProblem } from './SubmitBar.tsx';
import { submitDeclaration } from './submission.ts';
import { showToast } from './toast.ts';
import type { FormState } from './useFormState.ts';
import { declarationPatch } from './visibility.ts';
import { isLocalPath } from '../offline/localFiles.ts';

/** Queries whose answers a submission changes (records, lists); config, locations and files stay. */
const UNCHANGED = new Set(['config', 'me', 'location', 'locations', 'areaPath', 'file']);

/** Sending the form: checks, the request (or the outbox when offline), then the record page. */
export function useSubmit(opts: {
  event: EventConfig;
  form: FormState;
  draft: Draft;
  record?: EventDocument;
  today: string;
  language: string;
  title?: string;
  beforeLeave(): void;
}) {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [submitting, setSubmitting] = useState<SubmitAction | null>(null);
  const [problem, setProblem] = useState<SubmitProblem | null>(null);
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);

  async function submit(action: SubmitAction) {
    const { event, form, draft } = opts;
    const visible = form.visibility.values;
    const mode = action === 'NOTIFY' ? 'partial' : 'complete';
    const found = validateDeclaration(event, visible, {
      mode,
      today: opts.today,
      language: opts.language,
      pendingFile: isLocalPath,
    });
    if (found.length) {
      form.touchAll(Object.keys(errorsByField(found)));
      setProblem({ detail: t('forms.submit.fixFirst'), other: [] });
      return;
    }
    setSubmitting(action);
    setProblem(null);
    Object.assign(draft, { values: form.values, title: opts.title, updatedAt: new Date().toISOString() });
    try {
      const declaration = declarationPatch(visible, opts.record?.declaration);
      const result = await submitDeclaration(draft, action, declaration, {
        api,
        enqueue,
        saveDraft,
        uploadLocal: uploadDocumentsNow,
      });
      opts.beforeLeave();
      await deleteDraft(draft.localId);
      void queryClient.invalidateQueries({ predicate: (q) => !UNCHANGED.has(String(q.queryKey[0])) });
      if (result.kind === 'sent') {
        const notice = t(`forms.sent.${action}`, { title: opts.title ?? result.record.trackingId });
        showToast(notice);
        navigate(`/records/${result.eventId}`, { state: { notice } });
      } else {
        const notice = t('forms.queued');
        showToast(notice, 'info', 9000);
        navigate('/workqueues', { state: { notice } });
      }
    } catch (error) {
      if (error instanceof ApiError) {
        const { byField, other } = mapServerErrors(error.problem.errors, form.visibility.fields);
        form.setServerErrors(byField);
        setProblem({ detail: error.problem.detail ?? error.problem.title, other });
      } else {
        setProblem({ detail: t('forms.submit.unexpected'), other: [(error as Error).message] });
      }
    } finally {
      setSubmitting(null);
    }
  }

  return { submit, submitting, problem };
}
