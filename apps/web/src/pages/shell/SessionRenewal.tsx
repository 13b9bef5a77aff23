import { Modal, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { LoginForm } from '../login/LoginForm.tsx';

/**
 * Shown over the page when the session ended by itself (expired, ended elsewhere): the user signs in again
 * without leaving the page, so a half-filled form is still there afterwards.
 */
export function SessionRenewal({ username, onRenewed }: { username: string; onRenewed(): void }) {
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={<FormattedMessage id="session.expiredTitle" />}
    >
      <Text size="sm" mb="md">
        <FormattedMessage id="session.expired" />
      </Text>
      <LoginForm username={username} onSignedIn={onRenewed} />
    </Modal>
  );
}
