import type { ContentEntry, ContentLanguage } from '@lifeline/domain';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, ApiError } from '../../api/client.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { usePermissions } from '../data/permissions.ts';
import { UploadLanguage } from './UploadLanguage.tsx';

const PAGE = 25;

/** Translations of the app and the forms, per language: search, see where used, edit, find the missing ones. */
export default function ContentPage() {
  const intl = useIntl();
  const permissions = usePermissions();
  const { languages, reload } = useLanguage();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState('en');
  const [q, setQ] = useState('');
  const [missing, setMissing] = useState(false);
  const [page, setPage] = useState(1);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const params = new URLSearchParams({ language, limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (q.trim()) params.set('q', q.trim());
  if (missing) params.set('missing', 'true');
  const entries = useQuery({
    queryKey: ['content', language, q.trim(), missing, page],
    queryFn: () => api<{ total: number; entries: ContentEntry[] }>(`/api/content/entries?${params}`),
    placeholderData: keepPreviousData,
    enabled: permissions.has('config.update-all'),
  });
  const save = useMutation({
    mutationFn: () =>
      api<ContentLanguage>(`/api/content/${language}`, {
        method: 'PUT',
        body: { messages: edits, reason: reason.trim() },
      }),
    onSuccess: () => {
      setEdits({});
      setReason('');
      reload();
      void queryClient.invalidateQueries({ queryKey: ['content'] });
      void queryClient.invalidateQueries({ queryKey: ['config'] });
    },
  });
  if (!permissions.has('config.update-all')) {
    return (
      <Alert color="red">
        <FormattedMessage id="content.forbidden" />
      </Alert>
    );
  }
  const refused = new Map(
    save.error instanceof ApiError ? (save.error.problem.errors ?? []).map((e) => [e.field, e.message]) : [],
  );
  const current = languages.find((l) => l.code === language);

  return (
    <Stack gap="md" data-testid="content-page">
      <Title order={1} size="h2">
        <FormattedMessage id="content.title" />
      </Title>
      <Group align="flex-end">
        <Select
          label={intl.formatMessage({ id: 'content.language' })}
          data={languages.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
          value={language}
          onChange={(value) => {
            if (!value) return;
            setLanguage(value);
            setEdits({});
            setPage(1);
          }}
          allowDeselect={false}
          data-testid="content-language"
        />
        <TextInput
          label={intl.formatMessage({ id: 'content.search' })}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          data-testid="content-search"
        />
        <Checkbox
          label={intl.formatMessage({ id: 'content.onlyMissing' }, { count: current?.missing ?? 0 })}
          checked={missing}
          onChange={(e) => {
            setMissing(e.currentTarget.checked);
            setPage(1);
          }}
          mb={8}
        />
      </Group>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <FormattedMessage id="content.key" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="content.reference" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="content.text" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.data?.entries.map((entry) => {
            const error = refused.get(`messages.${entry.key}`);
            return (
              <Table.Tr key={entry.key}>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {entry.key}
                  </Text>
                  <Badge size="xs" variant="light">
                    {entry.where}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.reference}</Text>
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={entry.key}
                    value={edits[entry.key] ?? entry.text ?? ''}
                    placeholder={intl.formatMessage({ id: 'content.missing' })}
                    error={error}
                    onChange={(e) => setEdits({ ...edits, [entry.key]: e.currentTarget.value })}
                    data-testid={`content-text-${entry.key}`}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {!!entries.data && entries.data.total > PAGE && (
        <Pagination total={Math.ceil(entries.data.total / PAGE)} value={page} onChange={setPage} />
      )}
      <Card withBorder>
        <Group align="flex-end">
          <TextInput
            label={intl.formatMessage({ id: 'settings.reason' })}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            flex={1}
            data-testid="content-reason"
          />
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!Object.keys(edits).length || !reason.trim()}
            data-testid="content-save"
          >
            <FormattedMessage id="content.save" values={{ count: Object.keys(edits).length }} />
          </Button>
        </Group>
        {save.error && (
          <Alert color="red" mt="sm" role="alert">
            {save.error.message}
          </Alert>
        )}
      </Card>
      <UploadLanguage
        onDone={(code) => {
          reload();
          setLanguage(code);
          void queryClient.invalidateQueries({ queryKey: ['content'] });
          void queryClient.invalidateQueries({ queryKey: ['config'] });
        }}
      />
    </Stack>
  );
}
