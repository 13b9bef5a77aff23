import { formFields, type EventConfig } from '@lifeline/domain';
import { Anchor, Button, Group, Image, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { fetchFileUrl } from './fetchFile.ts';

interface Attached {
  fieldLabel: string;
  option?: string;
  path: string;
  name: string;
  type: string;
}

/** The supporting documents attached to the declaration, each viewable in place. */
export function Documents(props: {
  eventConfig: EventConfig;
  declaration: Record<string, unknown>;
  actions?: ReadonlyArray<{ type: string; status?: string; content?: Record<string, unknown> | null }>;
}) {
  const intl = useIntl();
  const documents = [...useAttached(props.eventConfig, props.declaration), ...paperScan(props.actions ?? [], intl)];
  const [viewing, setViewing] = useState<Attached | null>(null);
  if (documents.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        <FormattedMessage id="record.noDocuments" />
      </Text>
    );
  }
  return (
    <>
      <Table>
        <Table.Tbody>
          {documents.map((doc) => (
            <Table.Tr key={`${doc.fieldLabel}:${doc.path}`}>
              <Table.Td>
                {doc.fieldLabel}
                {doc.option && ` — ${doc.option}`}
              </Table.Td>
              <Table.Td>{doc.name}</Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="light" onClick={() => setViewing(doc)}>
                  <FormattedMessage id="record.viewDocument" />
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {viewing && <DocumentViewer doc={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}

/** The scanned register page a transcribed record was typed from: attached to the record for good. */
function paperScan(
  actions: ReadonlyArray<{ type: string; status?: string; content?: Record<string, unknown> | null }>,
  intl: ReturnType<typeof useIntl>,
): Attached[] {
  const register = actions.find((a) => a.type === 'REGISTER' && a.status === 'Accepted');
  const imported = register?.content?.imported as
    { source?: string; fileId?: string; contentType?: string; label?: string } | undefined;
  if (imported?.source !== 'paper' || !imported.fileId) return [];
  return [
    {
      fieldLabel: intl.formatMessage({ id: 'paper.scanDocument' }),
      path: `/api/files/${imported.fileId}`,
      name: imported.label || imported.fileId.slice(0, 12),
      type: imported.contentType ?? '',
    },
  ];
}

function useAttached(eventConfig: EventConfig, declaration: Record<string, unknown>): Attached[] {
  const { text } = useLanguage();
  const result: Attached[] = [];
  for (const { field } of formFields(eventConfig)) {
    if (field.type !== 'FILE' && field.type !== 'FILE_WITH_OPTIONS') continue;
    const raw = declaration[field.id];
    for (const value of Array.isArray(raw) ? raw : raw ? [raw] : []) {
      if (!value || typeof value !== 'object' || typeof value.path !== 'string') continue;
      const option =
        field.type === 'FILE_WITH_OPTIONS' ? field.options.find((o) => o.value === value.option) : undefined;
      result.push({
        fieldLabel: text(field.label),
        option: option ? text(option.label) : undefined,
        path: value.path,
        name: typeof value.originalFilename === 'string' ? value.originalFilename : value.path.split('/').pop(),
        type: typeof value.type === 'string' ? value.type : '',
      });
    }
  }
  return result;
}

function DocumentViewer({ doc, onClose }: { doc: Attached; onClose(): void }) {
  const intl = useIntl();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let created: string | null = null;
    fetchFileUrl(doc.path).then((u) => {
      created = u;
      setUrl(u);
    }, setError);
    return () => {
      if (created) URL.revokeObjectURL(created);
    };
  }, [doc.path]);
  return (
    <Modal opened onClose={onClose} size="xl" title={`${doc.fieldLabel}: ${doc.name}`}>
      <Stack>
        <ProblemAlert error={error} />
        {url && doc.type.startsWith('image/') && <Image src={url} alt={`${doc.fieldLabel}: ${doc.name}`} />}
        {url && doc.type === 'application/pdf' && (
          <object data={url} type="application/pdf" width="100%" height="600" aria-label={doc.name}>
            <Text>
              <FormattedMessage id="record.pdfNotShown" />
            </Text>
          </object>
        )}
        {url && (
          <Group>
            <Anchor href={url} download={doc.name}>
              <FormattedMessage id="record.downloadDocument" />
            </Anchor>
          </Group>
        )}
        {!url && !error && <Text>{intl.formatMessage({ id: 'common.loading' })}</Text>}
      </Stack>
    </Modal>
  );
}
