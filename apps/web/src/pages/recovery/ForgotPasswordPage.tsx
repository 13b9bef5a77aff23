import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { NewPasswordFields, newPasswordReady, type NewPassword } from '../onboarding/NewPasswordFields.tsx';
import { PublicFrame } from '../onboarding/PublicFrame.tsx';

/**
 * A forgotten password, or a reset sent by an administrator: the code from the message and a new password. From the
 * login page the person first names their account (username, email or phone); a reset link carries its own token.
 */
export default function ForgotPasswordPage() {
  const intl = useIntl();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [identifier, setIdentifier] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState<NewPassword>({ password: '', confirm: '' });
  const request = useMutation({
    mutationFn: () =>
      api<{ nonce: string; expiresIn: number }>('/api/auth/forgot-password', { body: { identifier }, anonymous: true }),
  });
  const reset = useMutation({
    mutationFn: () =>
      api('/api/auth/reset-password', {
        body: { ...(token ? { token } : { nonce: request.data!.nonce }), code, newPassword: password.password },
        anonymous: true,
      }),
  });

  if (reset.isSuccess) {
    return (
      <PublicFrame titleId="recovery.password.title">
        <Alert color="green" role="status" data-testid="reset-done">
          <FormattedMessage id="recovery.password.done" />
        </Alert>
        <Anchor component={Link} to="/login">
          <FormattedMessage id="recovery.backToLogin" />
        </Anchor>
      </PublicFrame>
    );
  }

  if (!token && !request.data) {
    return (
      <PublicFrame titleId="recovery.password.title" subtitle={<FormattedMessage id="recovery.password.ask" />}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate();
          }}
        >
          <Stack>
            <ProblemAlert error={request.error} />
            <TextInput
              label={intl.formatMessage({ id: 'recovery.identifier' })}
              value={identifier}
              onChange={(e) => setIdentifier(e.currentTarget.value)}
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
            />
            <Button type="submit" color="blue.8" loading={request.isPending} disabled={!identifier.trim()}>
              <FormattedMessage id="recovery.sendCode" />
            </Button>
            <Anchor component={Link} to="/login" size="sm">
              <FormattedMessage id="recovery.backToLogin" />
            </Anchor>
          </Stack>
        </form>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame titleId="recovery.password.title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          reset.mutate();
        }}
      >
        <Stack>
          {!token && (
            <Text size="sm" role="status">
              <FormattedMessage
                id="recovery.codeSent"
                values={{ minutes: Math.round((request.data?.expiresIn ?? 1800) / 60) }}
              />
            </Text>
          )}
          <ProblemAlert error={reset.error} />
          <TextInput
            label={intl.formatMessage({ id: 'activate.code' })}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus
          />
          <NewPasswordFields value={password} onChange={setPassword} />
          <Button
            type="submit"
            color="blue.8"
            loading={reset.isPending}
            disabled={code.length !== 6 || !newPasswordReady(password)}
          >
            <FormattedMessage id="recovery.password.submit" />
          </Button>
        </Stack>
      </form>
    </PublicFrame>
  );
}
