import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, api } from '../../api/client.ts';
import { ProblemText } from '../components/ProblemAlert.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/**
 * Shown instead of the app while the user must change a password someone else chose (the server refuses
 * everything else meanwhile). On success the app opens as usual, in the same login.
 */
export function ForcedPasswordChange({ onLogout }: { onLogout(): void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) =>
    error instanceof ApiError ? error.problem.errors?.find((e) => e.field === field)?.message : undefined;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (next !== repeat) {
      setError(new Error(intl.formatMessage({ id: 'password.mismatch' })));
      return;
    }
    setBusy(true);
    try {
      await api('/api/users/me/password', { body: { currentPassword: current, newPassword: next } });
      localStorage.removeItem('lifeline.me');
      await queryClient.invalidateQueries();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="lg" radius="md" w="100%" maw={440}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h3">
              <FormattedMessage id="password.title" />
            </Title>
            <Text size="sm">
              <FormattedMessage id="password.explain" />
            </Text>
            {error !== null && !fieldError('newPassword') && !fieldError('currentPassword') && (
              <Alert color="red" role="alert">
                {error instanceof ApiError ? <ProblemText error={error} /> : String((error as Error).message)}
              </Alert>
            )}
            <PasswordInput
              label={intl.formatMessage({ id: 'password.current' })}
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              autoComplete="current-password"
              error={fieldError('currentPassword')}
              required
              autoFocus
            />
            <PasswordInput
              label={intl.formatMessage({ id: 'password.new' })}
              description={intl.formatMessage({ id: 'password.policy' })}
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              autoComplete="new-password"
              error={fieldError('newPassword')}
              required
            />
            <PasswordInput
              label={intl.formatMessage({ id: 'password.repeat' })}
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              autoComplete="new-password"
              required
            />
            <Button type="submit" color="blue.8" loading={busy}>
              <FormattedMessage id="password.save" />
            </Button>
            <Button variant="subtle" color="gray" onClick={onLogout}>
              <FormattedMessage id="shell.logout" />
            </Button>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
