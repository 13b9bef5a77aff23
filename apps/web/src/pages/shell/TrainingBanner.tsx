import { Alert } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { useHelpIndex } from '../help/queries.ts';

/** Practice mode, on every page: nothing here is the real register. */
export function TrainingBanner() {
  const index = useHelpIndex();
  if (!index.data?.training) return null;
  return (
    <Alert color="orange.9" variant="filled" radius={0} py={6} role="status" data-testid="training-banner">
      <FormattedMessage id="training.banner" />
    </Alert>
  );
}
