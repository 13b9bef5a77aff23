import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Container,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useAppConfig } from '../../api/config.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { UserName } from '../components/UserName.tsx';
import { usePermissions } from '../data/permissions.ts';
import { uploadScan, usePaperQueue } from './api.ts';

/** Upload scanned register pages (several files, or a PDF of many pages) and the shared queue of pages to type. */
export default function PaperQueuePage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { text } = useLanguage();
  const config = useAppConfig();
  const permissions = usePermissions();
  const queue = usePaperQueue();
  const client = useQueryClient();
  // Scans are brought in by importers and registrars (the server checks the office too).
  const events = (config.data?.events ?? []).filter(
    (e) => permissions.has('record.import', e.id) || permissions.has('record.register', e.id),
  );
  const [type, setType] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [register, setRegister] = useState('');
  const [volume, setVolume] = useState('');
  const [page, setPage] = useState('');
  const [doubleEntry, setDoubleEntry] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<number | null>(null);
  const eventType = type ?? events[0]?.id ?? '';
  const eventLabel = (id: string) => {
    const event = config.data?.events.find((e) => e.id === id);
    return event ? text(event.label) : id;
  };

  const upload = async () => {
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      let count = 0;
      for (const file of files) {
        const query: Record<string, string> = { type: eventType, doubleEntry: String(doubleEntry) };
        if (register) query.register = register;
        if (volume) query.volume = volume;
        if (page) query.page = files.length > 1 ? `${page}-${count + 1}` : page;
        count += (await uploadScan(file, query)).length;
      }
      setAdded(count);
      setFiles([]);
      await client.invalidateQueries({ queryKey: ['paper-pages'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Title order={1} size="h2">
          <FormattedMessage id="paper.title" />
        </Title>
        {events.length > 0 && (
          <Stack gap="xs" component="section" aria-labelledby="paper-upload">
            <Title order={2} size="h4" id="paper-upload">
              <FormattedMessage id="paper.upload" />
            </Title>
            <Group align="flex-end">
              <Select
                label={t('paper.eventType')}
                data={events.map((e) => ({ value: e.id, label: text(e.label) }))}
                value={eventType}
                onChange={setType}
                allowDeselect={false}
              />
              <TextInput
                label={t('paper.register')}
                value={register}
                onChange={(e) => setRegister(e.currentTarget.value)}
              />
              <TextInput
                label={t('paper.volume')}
                value={volume}
                onChange={(e) => setVolume(e.currentTarget.value)}
                w={100}
              />
              <TextInput
                label={t('paper.firstPage')}
                value={page}
                onChange={(e) => setPage(e.currentTarget.value)}
                w={100}
              />
            </Group>
            <FileInput
              label={t('paper.files')}
              multiple
              accept="image/png,image/jpeg,application/pdf"
              value={files}
              onChange={setFiles}
              data-testid="paper-files"
            />
            <Checkbox
              label={t('paper.doubleEntry')}
              checked={doubleEntry}
              onChange={(e) => setDoubleEntry(e.currentTarget.checked)}
            />
            <Group>
              <Button onClick={upload} loading={busy} disabled={!files.length || !eventType} data-testid="paper-upload">
                <FormattedMessage id="paper.upload" />
              </Button>
              {added !== null && <Text role="status">{t('paper.uploaded', { count: added })}</Text>}
            </Group>
            {error ? <ProblemAlert error={error} /> : null}
          </Stack>
        )}
        {queue.error ? <ProblemAlert error={queue.error} /> : null}
        {queue.data && queue.data.results.length === 0 && <Alert>{t('paper.empty')}</Alert>}
        {queue.data && queue.data.results.length > 0 && (
          <Table data-testid="paper-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('paper.page')}</Table.Th>
                <Table.Th>{t('paper.eventType')}</Table.Th>
                <Table.Th>{t('paper.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.results.map((p) => (
                <Table.Tr key={p.id} data-page={p.id}>
                  <Table.Td>
                    {[p.register, p.volume && `vol. ${p.volume}`, p.page && `p. ${p.page}`]
                      .filter(Boolean)
                      .join(', ') || `#${p.position}`}
                  </Table.Td>
                  <Table.Td>{eventLabel(p.eventType)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`paper.status.${p.status}`)}</Badge>{' '}
                    {p.assignedTo && (
                      <Text span size="sm" c="dimmed">
                        <FormattedMessage id="paper.takenBy" values={{ user: <UserName id={p.assignedTo} /> }} />
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button component={Link} to={`/paper/${p.id}`} size="compact-sm" variant="light">
                      <FormattedMessage id="paper.open" />
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Container>
  );
}
