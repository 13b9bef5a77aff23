import { Alert, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/config.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** Choose a new password by choice, at any time (a change the server demands is ForcedPasswordChange). */
export default function ChangePasswordPage() {
  const intl = useIntl();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <Paper withBorder p="lg" maw={460}>
      <Stack>
        <Title order={1} size="h3">
          <FormattedMessage id="password.changeTitle" />
        </Title>
        {me.data?.mustChangePassword && (
          <Alert color="yellow" variant="light">
            <FormattedMessage id="password.mustChange" />
          </Alert>
        )}
        <ChangePasswordForm
          submitLabel={intl.formatMessage({ id: 'password.change' })}
          onChanged={async () => {
            await queryClient.invalidateQueries({ queryKey: ['me'] });
            void navigate('/', { replace: true });
          }}
        />
      </Stack>
    </Paper>
  );
}
