import { Alert } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { FormattedMessage } from 'react-intl';

/** Says so when the device is offline, and that nothing will be lost. */
export function OfflineBanner() {
  const { online } = useNetwork();
  if (online) return null;
  return (
    <Alert color="yellow" role="status" mb="md" data-testid="offline-banner">
      <FormattedMessage id="shell.offline" />
    </Alert>
  );
}
