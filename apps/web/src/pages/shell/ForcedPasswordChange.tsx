import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { ChangePasswordForm } from '../onboarding/ChangePasswordForm.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/**
 * Shown instead of the app while the user must change a password someone else chose (the server refuses
 * everything else meanwhile). On success the app opens as usual, in the same login.
 */
export function ForcedPasswordChange({ onLogout }: { onLogout(): void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="lg" radius="md" w="100%" maw={440}>
        <Stack>
          <Title order={1} size="h3">
            <FormattedMessage id="password.title" />
          </Title>
          <Text size="sm">
            <FormattedMessage id="password.explain" />
          </Text>
          <ChangePasswordForm
            submitLabel={intl.formatMessage({ id: 'password.save' })}
            onChanged={async () => {
              localStorage.removeItem('lifeline.me');
              await queryClient.invalidateQueries();
            }}
          />
          <Button variant="subtle" color="gray" onClick={onLogout}>
            <FormattedMessage id="shell.logout" />
          </Button>
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
