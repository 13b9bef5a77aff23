import {
  FAMILY_MESSAGES,
  FAMILY_PLACEHOLDERS,
  FAMILY_SAMPLE,
  renderFamilyMessage,
  type FamilyMessage,
  type FamilyMessageId,
  type FamilyMessages,
} from '@lifeline/domain';
import { Card, Checkbox, Code, Group, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { FieldErrors } from './SettingsPage.tsx';

/** Messages to families: each on or off, its texts per language, and a preview with a sample record. */
export function FamilyMessagesCard({
  value,
  languages,
  errors,
  onChange,
}: {
  value: FamilyMessages;
  languages: string[];
  errors: FieldErrors;
  onChange(value: FamilyMessages): void;
}) {
  const intl = useIntl();
  const [language, setLanguage] = useState(languages[0]);
  const ids = FAMILY_MESSAGES.filter((id) => value[id]);
  if (!ids.length) return null;
  const set = (id: FamilyMessageId, change: Partial<FamilyMessage>) =>
    onChange({ ...value, [id]: { ...value[id]!, ...change } });
  const at = (id: FamilyMessageId, part: string) => errors[`settings.familyMessages.${id}.${part}.${language}`];
  return (
    <Card withBorder data-testid="settings-family-messages">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          <FormattedMessage id="settings.familyMessages" />
        </Title>
        <SegmentedControl size="xs" data={languages} value={language} onChange={setLanguage} />
      </Group>
      <Stack gap="lg">
        {ids.map((id) => {
          const message = value[id]!;
          const preview = renderFamilyMessage(message, language, FAMILY_SAMPLE);
          return (
            <Stack key={id} gap={6} data-testid={`family-message-${id}`}>
              <Checkbox
                label={<b>{intl.formatMessage({ id: `settings.familyMessage.${id}` })}</b>}
                checked={message.enabled}
                onChange={(e) => set(id, { enabled: e.currentTarget.checked })}
              />
              <Text size="xs" c="dimmed">
                <FormattedMessage id="settings.placeholders" />{' '}
                {FAMILY_PLACEHOLDERS[id].map((p) => (
                  <Code key={p} mr={4}>{`{{${p}}}`}</Code>
                ))}
              </Text>
              <TextInput
                label={intl.formatMessage({ id: 'settings.familyMessage.subject' })}
                value={message.subject[language] ?? ''}
                error={at(id, 'subject')}
                onChange={(e) => set(id, { subject: { ...message.subject, [language]: e.currentTarget.value } })}
              />
              <Textarea
                label={intl.formatMessage({ id: 'settings.familyMessage.sms' })}
                value={message.sms[language] ?? ''}
                error={at(id, 'sms')}
                autosize
                onChange={(e) => set(id, { sms: { ...message.sms, [language]: e.currentTarget.value } })}
              />
              <Textarea
                label={intl.formatMessage({ id: 'settings.familyMessage.email' })}
                value={message.email[language] ?? ''}
                error={at(id, 'email')}
                autosize
                minRows={3}
                onChange={(e) => set(id, { email: { ...message.email, [language]: e.currentTarget.value } })}
              />
              <Text size="xs" fw={600}>
                <FormattedMessage id="settings.familyMessage.preview" />
              </Text>
              <Text size="sm" bg="gray.0" p={6} style={{ whiteSpace: 'pre-wrap' }} data-testid={`preview-${id}`}>
                {preview.sms}
              </Text>
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
