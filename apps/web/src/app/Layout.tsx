import { Anchor, AppShell, Burger, Center, Group, Loader, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../api/config.ts';
import type { Session } from '../api/session.ts';
import { useOutboxSender } from '../offline/useOutboxSender.ts';
import { usePermissions } from '../pages/data/permissions.ts';
import { HelpButton } from '../pages/help/HelpButton.tsx';
import { TrainingBanner } from '../pages/shell/TrainingBanner.tsx';
import { signedOutOnPurpose, signOut } from '../pages/data/signOut.ts';
import { useSession } from '../pages/data/useSession.ts';
import { LanguageSwitch } from '../pages/shell/LanguageSwitch.tsx';
import { ForcedPasswordChange } from '../pages/shell/ForcedPasswordChange.tsx';
import { Navigation } from '../pages/shell/Navigation.tsx';
import { OfflineBanner } from '../pages/shell/OfflineBanner.tsx';
import { OutboxIndicator } from '../pages/shell/OutboxIndicator.tsx';
import { QuickSearch } from '../pages/shell/QuickSearch.tsx';
import { SessionRenewal } from '../pages/shell/SessionRenewal.tsx';
import { UserMenu } from '../pages/shell/UserMenu.tsx';
import classes from '../pages/shell/shell.module.css';

/**
 * The signed-in app: header (name, quick search, outbox, language, user menu), workqueue navigation, and the page.
 * Without a session it sends the user to /login; when a session expires it asks for the login again over the
 * page instead, so nothing typed is lost.
 */
export function Layout() {
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const intl = useIntl();
  const lastUser = useRef<string | null>(session?.username ?? null);
  if (session) lastUser.current = session.username;
  const me = useMe(!!session);

  if (!session && (!lastUser.current || signedOutOnPurpose())) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?${new URLSearchParams({ next })}`} replace />;
  }
  // The server refuses everything but a password change meanwhile: nothing else is shown, nothing else is sent.
  const path = location.pathname;
  if (session && me.data?.mustChangePassword) {
    if (path !== '/change-password') return <Navigate to="/change-password" replace />;
    return (
      <ForcedPasswordChange
        onLogout={() => void signOut(queryClient).then(() => navigate('/login', { replace: true }))}
      />
    );
  }
  if (session && !me.data && me.isLoading) {
    return (
      <Center mih="100vh">
        <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
      </Center>
    );
  }
  // Then the welcome (signature, tour), once.
  if (me.data && !me.data.onboarded && path !== '/welcome') return <Navigate to="/welcome" replace />;
  return <SignedInShell session={session} lastUser={lastUser.current} />;
}

/** The app itself, for a user free to work (and the outbox sender, which sends what waits on this device). */
function SignedInShell({ session, lastUser }: { session: Session | null; lastUser: string | null }) {
  const queryClient = useQueryClient();
  const intl = useIntl();
  const permissions = usePermissions();
  const [navOpen, nav] = useDisclosure(false);
  useOutboxSender();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Anchor href="#main-content" className={classes.skipLink}>
              <FormattedMessage id="shell.skipToContent" />
            </Anchor>
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={intl.formatMessage({ id: 'shell.menu' })}
            />
            <UnstyledButton component={Link} to="/workqueues">
              <Title order={2} size="h3" c="blue.9">
                <FormattedMessage id="app.name" />
              </Title>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {permissions.has('record.search') && <QuickSearch />}
            <OutboxIndicator />
            <HelpButton />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md">
        <Navigation onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        <TrainingBanner />
        <OfflineBanner />
        <Outlet />
      </AppShell.Main>
      {!session && lastUser && (
        <SessionRenewal username={lastUser} onRenewed={() => void queryClient.invalidateQueries()} />
      )}
    </AppShell>
  );
}
