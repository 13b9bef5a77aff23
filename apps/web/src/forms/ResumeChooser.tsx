import type { EventConfig } from '@lifeline/domain';
import { Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useLanguage } from '../i18n/LanguageProvider.tsx';
import { defaultValues, newDraft, saveDraft, type Draft } from './drafts.ts';

/** Unsent declarations of this type on this device: continue one, or start a new one. */
export function ResumeChooser(props: { event: EventConfig; drafts: Draft[]; username: string }) {
  const { event, drafts } = props;
  const intl = useIntl();
  const { text } = useLanguage();
  const [, setParams] = useSearchParams();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  return (
    <Container size="sm" py="md">
      <Stack>
        <Title order={1} size="h2">
          {t('forms.resume.title')}
        </Title>
        <Text>{t('forms.resume.body', { event: text(event.label) })}</Text>
        {drafts.map((draft) => (
          <Paper key={draft.localId} withBorder p="sm" data-testid="resume-draft">
            <Group justify="space-between">
              <div>
                <Text fw={500}>
                  {draft.title ??
                    t('forms.draftStarted', {
                      event: text(event.label),
                      at: intl.formatDate(draft.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                    })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('forms.resume.updated', {
                    when: intl.formatDate(draft.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                  })}
                </Text>
              </div>
              <Button onClick={() => setParams({ draft: draft.localId })}>{t('forms.resume.continue')}</Button>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={async () => {
              const draft = { ...newDraft(props.username, event.id), values: defaultValues(event) };
              await saveDraft(draft);
              setParams({ draft: draft.localId });
            }}
          >
            {t('forms.resume.new')}
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
