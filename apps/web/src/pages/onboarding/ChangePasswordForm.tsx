import { Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ApiError, api } from '../../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { NewPasswordFields, newPasswordReady, type NewPassword } from './NewPasswordFields.tsx';

/**
 * The current password and a new one typed twice: the one form behind a change the server demands (after a
 * one-time password) and a change by choice. The policy shows as the person types; the server's refusal of a
 * field is shown under it.
 */
export function ChangePasswordForm({ submitLabel, onChanged }: { submitLabel: string; onChanged(): Promise<void> }) {
  const intl = useIntl();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', confirm: '' });
  const change = useMutation({
    mutationFn: () => api('/api/users/me/password', { body: { currentPassword: current, newPassword: next.password } }),
    onSuccess: onChanged,
  });
  const fieldError = (field: string) =>
    change.error instanceof ApiError ? change.error.problem.errors?.find((e) => e.field === field)?.message : undefined;
  const aboutAField = fieldError('currentPassword') ?? fieldError('newPassword');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        // The rules not met are listed under the new password already; nothing to send until they are.
        if (newPasswordReady(next)) change.mutate();
      }}
    >
      <Stack>
        {!aboutAField && <ProblemAlert error={change.error} />}
        <PasswordInput
          label={intl.formatMessage({ id: 'password.current' })}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          autoComplete="current-password"
          error={fieldError('currentPassword')}
          required
          autoFocus
        />
        <NewPasswordFields value={next} onChange={setNext} error={fieldError('newPassword')} />
        <Button type="submit" color="blue.8" loading={change.isPending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
