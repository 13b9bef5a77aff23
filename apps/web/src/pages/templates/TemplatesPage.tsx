import type { CertificateElement, CertificateTemplate } from '@lifeline/domain';
import { Alert, Button, Card, FileInput, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { usePermissions } from '../data/permissions.ts';
import { ElementsTable } from './ElementsTable.tsx';
import { TemplateVersions } from './TemplateVersions.tsx';
import { previewUrl, useSaveTemplate, useTemplate, useTemplates } from './queries.ts';

const NEW_ELEMENTS: Record<'text' | 'field' | 'image', CertificateElement> = {
  text: {
    type: 'text',
    x: 62,
    y: 300,
    width: 200,
    height: 14,
    message: 'title',
    font: 'regular',
    size: 10,
    align: 'left',
    color: '#141419',
  },
  field: {
    type: 'field',
    x: 62,
    y: 300,
    width: 200,
    height: 24,
    field: '$registrationNumber',
    format: 'text',
    font: 'bold',
    size: 10,
    align: 'left',
    color: '#141419',
  },
  image: { type: 'image', x: 40, y: 800, width: 60, height: 60, image: 'logo' },
};

const readDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/**
 * Certificate templates as data: choose a template, move its elements (points from the bottom-left corner of the
 * page), add text, record fields and images (logo, seal), see the PDF it draws with a made-up record, save it as
 * a new version with a reason. New prints only: certificates already printed keep their exact bytes.
 */
export default function TemplatesPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const permissions = usePermissions();
  const allowed = permissions.has('config.update-all');
  const list = useTemplates();
  const [id, setId] = useState<string | null>(null);
  const chosen = id ?? list.data?.[0]?.id ?? null;
  const view = useTemplate(allowed ? chosen : null);
  const [draft, setDraft] = useState<CertificateTemplate | null>(null);
  const [reason, setReason] = useState('');
  const [imageName, setImageName] = useState('logo');
  const [pdf, setPdf] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const save = useSaveTemplate(chosen ?? '');

  // A fresh draft whenever another template (or a new version of it) is loaded.
  useEffect(() => setDraft(view.data ? structuredClone(view.data.template) : null), [view.data]);

  // The live preview: redrawn shortly after the last change.
  useEffect(() => {
    if (!draft || !chosen) return;
    let cancelled = false;
    let created: string | null = null;
    const timer = setTimeout(() => {
      previewUrl(chosen, draft).then(
        (url) => {
          created = url;
          if (cancelled) return URL.revokeObjectURL(url);
          setPdf((old) => {
            if (old) URL.revokeObjectURL(old);
            return url;
          });
          setPreviewError(null);
        },
        (error: unknown) => !cancelled && setPreviewError(error),
      );
    }, 600);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      void created;
    };
  }, [draft, chosen]);

  if (!allowed) {
    return (
      <Alert color="red">
        <FormattedMessage id="templates.forbidden" />
      </Alert>
    );
  }
  if (list.error) return <ProblemAlert error={list.error} />;
  const problem = save.error ?? previewError;
  const errors = new Map(
    problem instanceof ApiError ? (problem.problem.errors ?? []).map((e) => [e.field, e.message]) : [],
  );
  const layout = draft?.layout;
  const setLayout = (change: Partial<NonNullable<CertificateTemplate['layout']>>) =>
    draft?.layout && setDraft({ ...draft, layout: { ...draft.layout, ...change } });

  return (
    <Stack gap="md" data-testid="templates-page">
      <Title order={1} size="h2">
        <FormattedMessage id="templates.title" />
      </Title>
      <Text>
        <FormattedMessage id="templates.intro" values={{ version: view.data?.version ?? 0 }} />
      </Text>
      <Select
        label={t('templates.choose')}
        maw={420}
        data={(list.data ?? []).map((s) => ({ value: s.id, label: `${s.title} (${s.id}, v${s.version})` }))}
        value={chosen}
        onChange={(value) => value && setId(value)}
        allowDeselect={false}
      />
      {draft && layout && view.data && (
        <Group align="flex-start" wrap="wrap" gap="md">
          <Stack gap="sm" style={{ flex: '1 1 560px', minWidth: 0 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                <FormattedMessage id="templates.page" />
              </Title>
              <Group>
                <Select
                  label={t('templates.pageSize')}
                  w={140}
                  data={['A4', 'A5', 'LETTER']}
                  value={layout.page.size}
                  onChange={(size) => size && setLayout({ page: { ...layout.page, size: size as 'A4' } })}
                />
                <Select
                  label={t('templates.orientation')}
                  w={160}
                  data={[
                    { value: 'portrait', label: t('templates.portrait') },
                    { value: 'landscape', label: t('templates.landscape') },
                  ]}
                  value={layout.page.orientation}
                  onChange={(o) => o && setLayout({ page: { ...layout.page, orientation: o as 'portrait' } })}
                />
                <TextInput
                  label={t('templates.titleEn')}
                  value={draft.title.en ?? ''}
                  onChange={(e) => setDraft({ ...draft, title: { ...draft.title, en: e.currentTarget.value } })}
                />
              </Group>
              <Group mt="sm" align="flex-end">
                <TextInput
                  label={t('templates.imageName')}
                  w={140}
                  value={imageName}
                  onChange={(e) => setImageName(e.currentTarget.value)}
                />
                <FileInput
                  label={t('templates.upload')}
                  w={240}
                  accept="image/png,image/jpeg"
                  onChange={async (file) => {
                    if (!file) return;
                    setLayout({ images: { ...layout.images, [imageName]: await readDataUrl(file) } });
                  }}
                />
                <Text size="sm">{Object.keys(layout.images).join(', ') || t('templates.noImages')}</Text>
              </Group>
            </Card>
            <ElementsTable
              elements={layout.elements}
              view={view.data}
              images={Object.keys(layout.images)}
              errors={errors}
              onChange={(elements) => setLayout({ elements })}
            />
            <Group>
              {(['text', 'field', 'image'] as const).map((type) => (
                <Button
                  key={type}
                  variant="default"
                  onClick={() => setLayout({ elements: [...layout.elements, structuredClone(NEW_ELEMENTS[type])] })}
                >
                  <FormattedMessage id="templates.add" values={{ type: t(`templates.type.${type}`) }} />
                </Button>
              ))}
            </Group>
            {problem instanceof Error && <ProblemAlert error={problem} />}
            <Group align="flex-end">
              <TextInput
                label={t('templates.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                w={360}
              />
              <Button
                color="blue.8"
                disabled={!reason.trim()}
                loading={save.isPending}
                onClick={() =>
                  save.mutate(
                    { template: draft, reason: reason.trim(), baseVersion: view.data!.version },
                    { onSuccess: () => setReason('') },
                  )
                }
              >
                <FormattedMessage id="templates.save" />
              </Button>
              <Button variant="default" onClick={() => setDraft(structuredClone(view.data!.template))}>
                <FormattedMessage id="templates.reset" />
              </Button>
            </Group>
            <TemplateVersions id={view.data.id} current={view.data.version} />
          </Stack>
          <Stack gap="xs" style={{ flex: '1 1 420px' }}>
            <Title order={2} size="h4">
              <FormattedMessage id="templates.preview" />
            </Title>
            {pdf ? (
              <object
                data={pdf}
                type="application/pdf"
                title={t('templates.previewTitle')}
                data-testid="template-preview"
                style={{ width: '100%', height: 760, border: '1px solid var(--mantine-color-gray-4)' }}
              >
                <a href={pdf} target="_blank" rel="noopener">
                  <FormattedMessage id="templates.openPreview" />
                </a>
              </object>
            ) : (
              <Text>
                <FormattedMessage id="templates.previewLoading" />
              </Text>
            )}
          </Stack>
        </Group>
      )}
    </Stack>
  );
}
