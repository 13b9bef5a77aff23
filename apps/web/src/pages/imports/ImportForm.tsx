import type { ImportFormat, ImportView } from '@lifeline/domain';
import { Button, Card, FileInput, Radio, Select, Stack, Group } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useAppConfig } from '../../api/config.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useStartImport } from './api.ts';

/** Choose the event type and the format, pick the file, start: the import then runs on the server. */
export function ImportForm({ onStarted }: { onStarted(view: ImportView): void }) {
  const intl = useIntl();
  const { text } = useLanguage();
  // Names only: a role that imports (the national administrator) may work on no records, so has no forms.
  const events = useAppConfig().data?.importable ?? [];
  const start = useStartImport();
  const [eventType, setEventType] = useState<string | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [file, setFile] = useState<File | null>(null);
  const chosenType = eventType ?? events[0]?.id ?? null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosenType || !file) return;
    start.mutate({ eventType: chosenType, format, file }, { onSuccess: onStarted });
  };

  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="import-form-title">
      <Stack gap="sm">
        <h2 id="import-form-title" style={{ margin: 0, fontSize: '1.15rem' }}>
          <FormattedMessage id="imports.new" />
        </h2>
        <Select
          label={intl.formatMessage({ id: 'imports.eventType' })}
          data={events.map((e) => ({ value: e.id, label: text(e.label) }))}
          value={chosenType}
          onChange={setEventType}
          allowDeselect={false}
          required
        />
        <Radio.Group
          label={intl.formatMessage({ id: 'imports.format' })}
          value={format}
          onChange={(v) => setFormat(v as ImportFormat)}
          required
        >
          <Group gap="lg" mt={4}>
            <Radio value="csv" label={intl.formatMessage({ id: 'imports.format.csv' })} />
            <Radio value="fhir" label={intl.formatMessage({ id: 'imports.format.fhir' })} />
          </Group>
        </Radio.Group>
        <FileInput
          label={intl.formatMessage({ id: 'imports.file' })}
          description={intl.formatMessage({ id: format === 'csv' ? 'imports.file.csv' : 'imports.file.fhir' })}
          accept={format === 'csv' ? '.csv,text/csv' : '.ndjson,.jsonl,application/fhir+ndjson,application/x-ndjson'}
          value={file}
          onChange={setFile}
          clearable
          clearButtonProps={{ 'aria-label': intl.formatMessage({ id: 'imports.clearFile' }) }}
          required
          data-testid="import-file"
        />
        <ProblemAlert error={start.error} />
        <Group>
          <Button type="submit" color="blue.8" loading={start.isPending} disabled={!file || !chosenType}>
            <FormattedMessage id="imports.start" />
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
