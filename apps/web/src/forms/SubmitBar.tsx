import { validateDeclaration, type EventConfig } from '@lifeline/domain';
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import type { SubmitAction, SubmitOptions } from './actions.ts';
import type { FormState } from './useFormState.ts';
import { isLocalPath } from '../offline/localFiles.ts';

export interface SubmitProblem {
  detail: string;
  other: string[];
}

/**
 * The buttons that end the form, as the user's role and the record allow: the furthest complete action
 * (register, validate or send for approval), enabled once every required answer is given and right; and
 * "Send incomplete" (NOTIFY), enabled whatever is missing as long as what is given is right.
 */
export function SubmitBar(props: {
  event: EventConfig;
  form: FormState;
  today: string;
  options: SubmitOptions;
  submitting: SubmitAction | null;
  problem: SubmitProblem | null;
  onSubmit(action: SubmitAction): void;
}) {
  const intl = useIntl();
  const { event, form, today, options } = props;
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const complete = Object.keys(form.errors).length === 0 && Object.keys(form.serverErrors).length === 0;
  // Partial mode checks only the answers given (no "required"): what NOTIFY needs.
  const partialProblems = useMemo(
    () =>
      validateDeclaration(event, form.visibility.values, { mode: 'partial', today, pendingFile: isLocalPath }).length,
    [event, form.visibility.values, today],
  );
  const none = !options.complete && !options.incomplete;
  return (
    <Stack gap="sm" data-testid="submit-bar">
      {props.problem && (
        <Alert color="red" title={t('forms.submit.refused')} role="alert" data-testid="submit-error">
          <Text size="sm">{props.problem.detail}</Text>
          {props.problem.other.length > 0 && (
            <List size="sm">
              {props.problem.other.map((o) => (
                <List.Item key={o}>{o}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {none && <Alert color="yellow">{t('forms.submit.notAllowed')}</Alert>}
      <Group justify="flex-end" gap="sm">
        {options.incomplete && (
          <Button
            variant="default"
            disabled={partialProblems > 0 || props.submitting !== null}
            loading={props.submitting === options.incomplete}
            onClick={() => props.onSubmit(options.incomplete!)}
          >
            {t(`forms.action.${options.incomplete}`)}
          </Button>
        )}
        {options.complete && (
          <Button
            disabled={!complete || props.submitting !== null}
            loading={props.submitting === options.complete}
            onClick={() => props.onSubmit(options.complete!)}
          >
            {t(`forms.action.${options.complete}`)}
          </Button>
        )}
      </Group>
      {options.complete && !complete && (
        <Text size="sm" c="dimmed" ta="right">
          {t('forms.submit.completeFirst', { action: t(`forms.action.${options.complete}`) })}
        </Text>
      )}
    </Stack>
  );
}
