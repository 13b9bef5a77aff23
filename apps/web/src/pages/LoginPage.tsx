import { Anchor, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { HelpButton } from './help/HelpButton.tsx';
import { TrainingBanner } from './shell/TrainingBanner.tsx';
import { LoginForm } from './login/LoginForm.tsx';
import { useSession } from './data/useSession.ts';
import { LanguageSwitch } from './shell/LanguageSwitch.tsx';

/** Sign in with username and password, then the one-time code. */
export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (session) return <Navigate to={next} replace />;
  return (
    <>
      <TrainingBanner />
      <Center mih="100vh" p="md" component="main">
        <Stack w="100%" maw={400} gap="md">
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
                  <FormattedMessage id="login.title" />
                </Title>
                <Text size="sm" c="dimmed">
                  <FormattedMessage id="login.subtitle" />
                </Text>
              </div>
              <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
              <Group justify="space-between">
                <Anchor component={Link} to="/forgot-password" size="sm">
                  <FormattedMessage id="login.forgotPassword" />
                </Anchor>
                <Anchor component={Link} to="/forgot-username" size="sm">
                  <FormattedMessage id="login.forgotUsername" />
                </Anchor>
              </Group>
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </>
  );
}

/** Only paths inside the app: never send the user to another site after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
