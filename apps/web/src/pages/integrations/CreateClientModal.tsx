import { CLIENT_TYPES, type ClientType, type ClientWithSecret } from '@lifeline/domain';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { OfficePicker } from '../staff/OfficePicker.tsx';
import { useCreateClient } from './queries.ts';

/** A new client: name, type (its default scopes) and, for a health system, the office it notifies for. */
export function CreateClientModal({ onClose, onCreated }: { onClose(): void; onCreated(c: ClientWithSecret): void }) {
  const intl = useIntl();
  const create = useCreateClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<ClientType>('HEALTH_SYSTEM');
  const [officeId, setOfficeId] = useState('');
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), type, ...(officeId ? { officeId } : {}) },
      { onSuccess: (client) => onCreated(client) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={intl.formatMessage({ id: 'integrations.create' })} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={intl.formatMessage({ id: 'integrations.name' })}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={100}
            data-testid="client-name"
          />
          <Select
            label={intl.formatMessage({ id: 'integrations.type' })}
            data={CLIENT_TYPES.map((t) => ({ value: t, label: intl.formatMessage({ id: `integrations.type.${t}` }) }))}
            value={type}
            onChange={(v) => v && setType(v as ClientType)}
            allowDeselect={false}
            data-testid="client-type"
          />
          <OfficePicker
            label={intl.formatMessage({ id: 'integrations.office' })}
            value={officeId}
            onChange={setOfficeId}
            required={type === 'HEALTH_SYSTEM'}
            testId="client-office"
          />
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="integrations.cancel" />
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="client-save">
              <FormattedMessage id="integrations.save" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
