import type { ClientWithSecret } from '@lifeline/domain';
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

/** A client's credentials right after creation or rotation: the only time its secret can be seen. */
export function SecretModal({ client, onClose }: { client: ClientWithSecret; onClose(): void }) {
  const intl = useIntl();
  return (
    <Modal
      opened
      onClose={onClose}
      closeOnClickOutside={false}
      title={intl.formatMessage({ id: 'integrations.secretTitle' }, { name: client.name })}
      size="lg"
    >
      <Stack>
        <Alert color="yellow" role="status">
          <FormattedMessage id="integrations.secretOnce" />
        </Alert>
        {(
          [
            ['integrations.clientId', client.clientId, 'client-id'],
            ['integrations.clientSecret', client.clientSecret, 'client-secret'],
          ] as const
        ).map(([label, value, testId]) => (
          <Stack key={testId} gap={4}>
            <Text fw={600} size="sm">
              <FormattedMessage id={label} />
            </Text>
            <Group wrap="nowrap" align="center">
              <Code data-testid={testId} style={{ wordBreak: 'break-all', flex: 1 }}>
                {value}
              </Code>
              <CopyButton value={value}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy} data-testid={`copy-${testId}`}>
                    <FormattedMessage id={copied ? 'integrations.copied' : 'integrations.copy'} />
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        ))}
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="secret-done">
            <FormattedMessage id="integrations.done" />
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
