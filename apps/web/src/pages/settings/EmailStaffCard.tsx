import { Alert, Button, Card, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../api/client.ts';
import { OfficePicker } from '../staff/OfficePicker.tsx';

/** The national administrator's email to all staff, or to the staff of one office. */
export function EmailStaffCard() {
  const intl = useIntl();
  const [officeId, setOfficeId] = useState('');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<{ queued: number; withoutEmail: number }>('/api/comms/email-staff', {
        body: { ...(officeId ? { officeId } : {}), subject: subject.trim(), text: text.trim() },
      }),
    onSuccess: () => {
      setSubject('');
      setText('');
    },
  });
  return (
    <Card withBorder data-testid="email-staff">
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="comms.title" />
      </Title>
      <Stack gap="sm">
        <OfficePicker label={intl.formatMessage({ id: 'comms.office' })} value={officeId} onChange={setOfficeId} />
        <TextInput
          label={intl.formatMessage({ id: 'comms.subject' })}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
        />
        <Textarea
          label={intl.formatMessage({ id: 'comms.text' })}
          value={text}
          autosize
          minRows={4}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {send.data && (
          <Alert color="green" role="status">
            <FormattedMessage id="comms.sent" values={send.data} />
          </Alert>
        )}
        {send.error && (
          <Alert color="red" role="alert">
            {send.error.message}
          </Alert>
        )}
        <Button
          onClick={() => send.mutate()}
          loading={send.isPending}
          disabled={!subject.trim() || !text.trim()}
          w="fit-content"
        >
          <FormattedMessage id={officeId ? 'comms.sendOffice' : 'comms.sendAll'} />
        </Button>
      </Stack>
    </Card>
  );
}
