import { Alert, Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/config.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { NewPasswordFields, newPasswordReady, type NewPassword } from './NewPasswordFields.tsx';

/** Choose a new password: required after a one-time password (the first administrator), possible any time. */
export default function ChangePasswordPage() {
  const intl = useIntl();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', confirm: '' });
  const change = useMutation({
    mutationFn: () => api('/api/users/me/password', { body: { currentPassword: current, newPassword: next.password } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      void navigate('/', { replace: true });
    },
  });
  return (
    <Paper withBorder p="lg" maw={460}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <Stack>
          <Title order={1} size="h3">
            <FormattedMessage id="password.changeTitle" />
          </Title>
          {me.data?.mustChangePassword && (
            <Alert color="yellow" variant="light">
              <FormattedMessage id="password.mustChange" />
            </Alert>
          )}
          <ProblemAlert error={change.error} />
          <PasswordInput
            label={intl.formatMessage({ id: 'password.current' })}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            autoComplete="current-password"
            required
          />
          <NewPasswordFields value={next} onChange={setNext} />
          <Button
            type="submit"
            color="blue.8"
            loading={change.isPending}
            disabled={!current || !newPasswordReady(next)}
          >
            <FormattedMessage id="password.change" />
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
