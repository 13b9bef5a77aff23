import type { ClientView, ClientWithSecret } from '@lifeline/domain';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { LocationName } from '../components/LocationName.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormatters } from '../data/format.ts';
import { CreateClientModal } from './CreateClientModal.tsx';
import { FieldsModal } from './FieldsModal.tsx';
import { FailedDeliveries } from './FailedDeliveries.tsx';
import { useClients, useDisableClient, useRotateSecret } from './queries.ts';
import { SecretModal } from './SecretModal.tsx';

/**
 * The national system administrator's integration clients: who may call the registry as a system, what it may do,
 * and the two things to do about a client (a new secret, or disabling it). A secret is shown once, when made.
 */
export default function IntegrationsPage() {
  const intl = useIntl();
  const format = useFormatters();
  const clients = useClients();
  const disable = useDisableClient();
  const rotate = useRotateSecret();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ClientWithSecret | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editingFields, setEditingFields] = useState<ClientView | null>(null);

  const onDisable = (client: ClientView) => {
    if (!window.confirm(intl.formatMessage({ id: 'integrations.confirmDisable' }, { name: client.name }))) return;
    disable.mutate(client.id, {
      onSuccess: () => setNotice(intl.formatMessage({ id: 'integrations.disabled' }, { name: client.name })),
    });
  };
  const onRotate = (client: ClientView) => {
    if (!window.confirm(intl.formatMessage({ id: 'integrations.confirmRotate' }, { name: client.name }))) return;
    rotate.mutate(client.id, { onSuccess: setSecret });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            <FormattedMessage id="integrations.title" />
          </Title>
          <Text c="dimmed">
            <FormattedMessage id="integrations.intro" />
          </Text>
        </div>
        <Button color="blue.8" onClick={() => setCreating(true)} data-testid="create-client">
          <FormattedMessage id="integrations.create" />
        </Button>
      </Group>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <ProblemAlert error={clients.error ?? disable.error ?? rotate.error} />
      {clients.isLoading && <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      {clients.data && clients.data.results.length === 0 && (
        <Text>
          <FormattedMessage id="integrations.empty" />
        </Text>
      )}
      {clients.data && clients.data.results.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table striped data-testid="clients-table">
            <Table.Thead>
              <Table.Tr>
                {[
                  'integrations.name',
                  'integrations.type',
                  'integrations.office',
                  'integrations.scopes',
                  'integrations.status',
                  'integrations.created',
                  'integrations.actions',
                ].map((id) => (
                  <Table.Th key={id}>
                    <FormattedMessage id={id} />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clients.data.results.map((client) => (
                <Table.Tr key={client.id} data-client={client.name}>
                  <Table.Td>
                    {client.name}
                    <Text size="xs" c="dimmed" ff="monospace">
                      {client.clientId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <FormattedMessage id={`integrations.type.${client.type}`} />
                  </Table.Td>
                  <Table.Td>{client.officeId ? <LocationName id={client.officeId} /> : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {client.scopes.join(' ')}
                    </Text>
                    {client.type === 'RECORD_SEARCH' && (
                      <Text size="xs" data-testid="client-fields-summary">
                        {client.fields === null ? (
                          <FormattedMessage id="integrations.fieldsAll" />
                        ) : (
                          <FormattedMessage id="integrations.fieldsSome" values={{ count: client.fields.length }} />
                        )}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={client.status === 'active' ? 'green.9' : 'gray.7'}>
                      <FormattedMessage id={`integrations.status.${client.status}`} />
                    </Badge>
                  </Table.Td>
                  <Table.Td>{format.dateTime(client.createdAt)}</Table.Td>
                  <Table.Td>
                    {client.status === 'active' && (
                      <Group gap="xs" wrap="nowrap">
                        {client.type === 'RECORD_SEARCH' && (
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setEditingFields(client)}
                            data-testid="edit-client-fields"
                          >
                            <FormattedMessage id="integrations.editFields" />
                          </Button>
                        )}
                        <Button size="xs" variant="light" onClick={() => onRotate(client)} data-testid="rotate-client">
                          <FormattedMessage id="integrations.rotate" />
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          color="red.9"
                          onClick={() => onDisable(client)}
                          data-testid="disable-client"
                        >
                          <FormattedMessage id="integrations.disable" />
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FailedDeliveries />
      {creating && (
        <CreateClientModal
          onClose={() => setCreating(false)}
          onCreated={(client) => {
            setCreating(false);
            setSecret(client);
          }}
        />
      )}
      {editingFields && <FieldsModal client={editingFields} onClose={() => setEditingFields(null)} />}
      {secret && <SecretModal client={secret} onClose={() => setSecret(null)} />}
    </Stack>
  );
}
