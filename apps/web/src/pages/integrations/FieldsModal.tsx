import { formFields, type ClientView } from '@lifeline/domain';
import { Button, Checkbox, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useAppConfig } from '../../api/config.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useSetClientFields } from './queries.ts';

/**
 * The declaration fields a client (a RECORD_SEARCH one) may see in search results, records and FHIR documents:
 * every field, or only those picked here (grouped by event type, labelled as in the forms).
 */
export function FieldsModal({ client, onClose }: { client: ClientView; onClose(): void }) {
  const intl = useIntl();
  const { text } = useLanguage();
  const { data: config } = useAppConfig();
  const save = useSetClientFields();
  const [every, setEvery] = useState(client.fields === null);
  const [picked, setPicked] = useState<string[]>(client.fields ?? []);
  const seen = new Set<string>();
  const groups = (config?.events ?? []).map((event) => ({
    group: text(event.label),
    items: formFields(event)
      .filter(({ field }) => !seen.has(field.id) && seen.add(field.id))
      .map(({ field }) => ({ value: field.id, label: `${text(field.label)} (${field.id})` })),
  }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate({ id: client.id, fields: every ? null : picked }, { onSuccess: onClose });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={intl.formatMessage({ id: 'integrations.fieldsTitle' }, { name: client.name })}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">
            <FormattedMessage id="integrations.fieldsIntro" />
          </Text>
          <Checkbox
            label={intl.formatMessage({ id: 'integrations.fieldsEvery' })}
            checked={every}
            onChange={(e) => setEvery(e.currentTarget.checked)}
            data-testid="client-fields-every"
          />
          {!every && (
            <MultiSelect
              label={intl.formatMessage({ id: 'integrations.fields' })}
              data={groups}
              value={picked}
              onChange={setPicked}
              searchable
              clearable
              maxDropdownHeight={320}
              data-testid="client-fields"
            />
          )}
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="integrations.cancel" />
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="client-fields-save">
              <FormattedMessage id="integrations.save" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
