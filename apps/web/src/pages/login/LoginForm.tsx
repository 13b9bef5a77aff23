import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../api/client.ts';
import { getDeviceToken, setDeviceToken, setSession } from '../../api/session.ts';
import { codeError, passwordError } from './loginErrors.tsx';

interface Challenge {
  nonce: string;
  expiresIn: number;
  channel: 'log' | 'sms' | 'email';
  /** After many wrong passwords for this username: the code is sent only if the password was right. */
  deferred: boolean;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  deviceToken?: string;
}

interface Props {
  /** Fixed when renewing an expired session: the same user signs in again. */
  username?: string;
  /** A password just chosen (activation): the first step runs at once and the form opens on the code. */
  initialPassword?: string;
  onSignedIn(): void;
}

/** The two login steps: username and password, then the 6-digit code. Starts the session on success. */
export function LoginForm({ username: fixedUsername, initialPassword, onSignedIn }: Props) {
  const intl = useIntl();
  const [username, setUsername] = useState(fixedUsername ?? '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [error, setError] = useState<React.ReactNode>(null);
  const [restart, setRestart] = useState(false);
  const [busy, setBusy] = useState(false);

  const startOver = () => {
    setChallenge(null);
    setCode('');
    setPassword('');
    setRestart(false);
  };

  const startLogin = async (secret: string) => {
    setBusy(true);
    setError(null);
    try {
      const name = username.trim().toLowerCase();
      const deviceToken = getDeviceToken(name);
      const next = await api<Challenge>('/api/auth/login', {
        body: { username: name, password: secret, ...(deviceToken ? { deviceToken } : {}) },
        anonymous: true,
      });
      setChallenge(next);
      setPassword('');
    } catch (failure) {
      setError(passwordError(failure));
    } finally {
      setBusy(false);
    }
  };
  const submitPassword = (event: React.FormEvent) => {
    event.preventDefault();
    void startLogin(password);
  };
  const started = useRef(false);
  useEffect(() => {
    if (initialPassword && !started.current) {
      started.current = true;
      void startLogin(initialPassword);
    }
    // Once, on mount: the password was just chosen on the page before.
  }, []);

  const submitCode = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    setBusy(true);
    setError(null);
    try {
      const tokens = await api<Tokens>('/api/auth/verify', {
        body: { nonce: challenge.nonce, code: code.trim() },
        anonymous: true,
      });
      const name = username.trim().toLowerCase();
      if (tokens.deviceToken) setDeviceToken(name, tokens.deviceToken);
      setSession({
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: Date.now() + tokens.expiresIn * 1000,
        username: name,
      });
      onSignedIn();
    } catch (failure) {
      const problem = codeError(failure);
      setError(problem.message);
      setRestart(problem.restart);
    } finally {
      setBusy(false);
    }
  };

  const alert = error && (
    <Alert color="red" role="alert" title={intl.formatMessage({ id: 'login.error.title' })}>
      {error}
    </Alert>
  );

  if (!challenge) {
    return (
      <form onSubmit={submitPassword}>
        <Stack>
          {alert}
          <TextInput
            label={intl.formatMessage({ id: 'login.username' })}
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            readOnly={!!fixedUsername}
            autoFocus={!fixedUsername}
          />
          <PasswordInput
            label={intl.formatMessage({ id: 'login.password' })}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="current-password"
            required
            autoFocus={!!fixedUsername}
          />
          <Button type="submit" color="blue.8" loading={busy}>
            <FormattedMessage id="login.continue" />
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <form onSubmit={submitCode}>
      <Stack>
        <Text>
          <FormattedMessage
            id={`login.codeSent.${challenge.channel}`}
            values={{ minutes: Math.max(1, Math.round(challenge.expiresIn / 60)) }}
          />
        </Text>
        {challenge.deferred && (
          <Text size="sm" c="dimmed" data-testid="login-deferred">
            <FormattedMessage id="login.deferred" />
          </Text>
        )}
        {alert}
        <TextInput
          label={intl.formatMessage({ id: 'login.code' })}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          pattern="[0-9]{6}"
          required
          autoFocus
          styles={{ input: { letterSpacing: '0.4em', fontSize: '1.25rem' } }}
        />
        <Button type="submit" color="blue.8" loading={busy} disabled={restart}>
          <FormattedMessage id="login.verify" />
        </Button>
        <Anchor component="button" type="button" onClick={startOver} size="sm">
          <FormattedMessage id="login.startOver" />
        </Anchor>
      </Stack>
    </form>
  );
}
