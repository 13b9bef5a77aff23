import type { ContentLanguage } from '@lifeline/domain';
import { Alert, Button, Card, FileButton, Group, List, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, ApiError } from '../../api/client.ts';

/** Add a language (or update one) from a translation file: JSON of key to text, or CSV with key and text. */
export function UploadLanguage({ onDone }: { onDone(code: string): void }) {
  const intl = useIntl();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () =>
      api<ContentLanguage>(`/api/content/${code}/upload`, {
        body: {
          ...(name.trim() ? { name: name.trim() } : {}),
          format: file!.name.toLowerCase().endsWith('.csv') ? 'csv' : 'json',
          file: await file!.text(),
          reason: reason.trim(),
        },
      }),
    onSuccess: (language) => {
      setFile(null);
      setReason('');
      onDone(language.code);
    },
  });
  const problems = upload.error instanceof ApiError ? (upload.error.problem.errors ?? []) : [];
  return (
    <Card withBorder data-testid="content-upload">
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="content.upload" />
      </Title>
      <Text size="sm" mb="sm">
        <FormattedMessage id="content.upload.help" />
      </Text>
      <Group align="flex-end">
        <TextInput
          label={intl.formatMessage({ id: 'content.code' })}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.toLowerCase())}
          maxLength={2}
          w={90}
          data-testid="content-upload-code"
        />
        <TextInput
          label={intl.formatMessage({ id: 'content.name' })}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="content-upload-name"
        />
        <FileButton onChange={setFile} accept=".json,.csv,application/json,text/csv">
          {(props) => (
            <Button variant="default" {...props} data-testid="content-upload-file">
              {file ? file.name : intl.formatMessage({ id: 'content.chooseFile' })}
            </Button>
          )}
        </FileButton>
        <TextInput
          label={intl.formatMessage({ id: 'settings.reason' })}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="content-upload-reason"
        />
        <Button
          onClick={() => upload.mutate()}
          loading={upload.isPending}
          disabled={!/^[a-z]{2}$/.test(code) || !file || !reason.trim()}
          data-testid="content-upload-send"
        >
          <FormattedMessage id="content.uploadSend" />
        </Button>
      </Group>
      {upload.error && (
        <Alert color="red" mt="sm" role="alert" data-testid="content-upload-error">
          {upload.error.message}
          {problems.length > 1 && (
            <List size="sm">
              {problems.slice(0, 20).map((p) => (
                <List.Item key={p.field}>
                  {p.field}: {p.message}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </Card>
  );
}
