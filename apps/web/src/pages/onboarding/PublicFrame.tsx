import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { HelpButton } from '../help/HelpButton.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { TrainingBanner } from '../shell/TrainingBanner.tsx';

/** The frame of the pages used before signing in: login, activation, forgotten password or username. */
export function PublicFrame({
  titleId,
  subtitle,
  children,
}: {
  titleId: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <TrainingBanner />
      <Center mih="100vh" p="md" component="main">
        <Stack w="100%" maw={420} gap="md">
          <Group justify="space-between">
            <Title order={1} size="h2" c="blue.9">
              <FormattedMessage id="app.name" />
            </Title>
            <Group gap="xs">
              <HelpButton page="login" showWhatsNew={false} />
              <LanguageSwitch />
            </Group>
          </Group>
          <Paper withBorder p="lg" radius="md">
            <Stack gap="md">
              <div>
                <Title order={2} size="h3">
                  <FormattedMessage id={titleId} />
                </Title>
                {subtitle && (
                  <Text size="sm" c="dimmed">
                    {subtitle}
                  </Text>
                )}
              </div>
              {children}
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </>
  );
}
