import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { PublicFrame } from '../onboarding/PublicFrame.tsx';

/** A forgotten username, sent to the email address or phone number given (the answer never says if one matched). */
export default function ForgotUsernamePage() {
  const intl = useIntl();
  const [contact, setContact] = useState('');
  const send = useMutation({
    mutationFn: () => api('/api/auth/forgot-username', { body: { contact }, anonymous: true }),
  });
  return (
    <PublicFrame titleId="recovery.username.title" subtitle={<FormattedMessage id="recovery.username.ask" />}>
      {send.isSuccess ? (
        <Alert color="green" role="status" data-testid="username-sent">
          <FormattedMessage id="recovery.username.sent" />
        </Alert>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <Stack>
            <ProblemAlert error={send.error} />
            <TextInput
              label={intl.formatMessage({ id: 'recovery.contact' })}
              value={contact}
              onChange={(e) => setContact(e.currentTarget.value)}
              required
              autoFocus
            />
            <Button type="submit" color="blue.8" loading={send.isPending} disabled={contact.trim().length < 3}>
              <FormattedMessage id="recovery.username.submit" />
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">
        <FormattedMessage id="recovery.backToLogin" />
      </Anchor>
    </PublicFrame>
  );
}
