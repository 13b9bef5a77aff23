import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { LoginForm } from '../login/LoginForm.tsx';
import { NewPasswordFields, newPasswordReady, type NewPassword } from './NewPasswordFields.tsx';
import { PublicFrame } from './PublicFrame.tsx';

interface Invitation {
  username: string;
  firstname: string;
  surname: string;
  expiresAt: string;
}

/**
 * The invitation link's page: the code from the message and a new password activate the account; then the person
 * logs in at once (a code goes to their phone or email, confirming it) and the welcome follows.
 */
export default function ActivatePage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<Invitation>('/api/auth/invitation', { body: { token }, anonymous: true }),
    enabled: token.length >= 20,
    retry: false,
  });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState<NewPassword>({ password: '', confirm: '' });
  const activate = useMutation({
    mutationFn: () =>
      api<{ username: string }>('/api/auth/activate', {
        body: { token, code, password: password.password },
        anonymous: true,
      }),
  });

  if (activate.data) {
    return (
      <PublicFrame titleId="activate.loginTitle" subtitle={<FormattedMessage id="activate.loginSubtitle" />}>
        <LoginForm
          username={activate.data.username}
          initialPassword={password.password}
          onSignedIn={() => navigate('/welcome', { replace: true })}
        />
      </PublicFrame>
    );
  }

  return (
    <PublicFrame titleId="activate.title">
      {!token || invitation.error ? (
        <ProblemAlert error={invitation.error ?? new Error(intl.formatMessage({ id: 'activate.noToken' }))} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            activate.mutate();
          }}
        >
          <Stack>
            {invitation.data && (
              <Alert color="blue" variant="light">
                <FormattedMessage
                  id="activate.greeting"
                  values={{ name: invitation.data.firstname, username: <strong>{invitation.data.username}</strong> }}
                />
              </Alert>
            )}
            <Text size="sm">
              <FormattedMessage id="activate.explain" />
            </Text>
            <ProblemAlert error={activate.error} />
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
              loading={activate.isPending}
              disabled={code.length !== 6 || !newPasswordReady(password)}
            >
              <FormattedMessage id="activate.submit" />
            </Button>
          </Stack>
        </form>
      )}
    </PublicFrame>
  );
}
