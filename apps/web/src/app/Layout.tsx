import {
  Anchor,
  AppShell,
  Burger,
  Center,
  Divider,
  Group,
  Indicator,
  Loader,
  Stack,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../api/config.ts';
import type { Session } from '../api/session.ts';
import { useOfflineCopies } from '../offline/useOfflineCopies.ts';
import { useOutbox } from '../offline/useOutbox.ts';
import { useOutboxSender } from '../offline/useOutboxSender.ts';
import { usePermissions } from '../pages/data/permissions.ts';
import { signedOutOnPurpose, signOut } from '../pages/data/signOut.ts';
import { useSession } from '../pages/data/useSession.ts';
import { HelpButton } from '../pages/help/HelpButton.tsx';
import { ForcedPasswordChange } from '../pages/shell/ForcedPasswordChange.tsx';
import { LanguageSwitch } from '../pages/shell/LanguageSwitch.tsx';
import { Navigation } from '../pages/shell/Navigation.tsx';
import { OfflineBanner } from '../pages/shell/OfflineBanner.tsx';
import { OutboxIndicator } from '../pages/shell/OutboxIndicator.tsx';
import { QuickSearch } from '../pages/shell/QuickSearch.tsx';
import { SessionRenewal } from '../pages/shell/SessionRenewal.tsx';
import { TrainingBanner } from '../pages/shell/TrainingBanner.tsx';
import { UserMenu } from '../pages/shell/UserMenu.tsx';
import classes from '../pages/shell/shell.module.css';

/** Below this width the header keeps only the menu button and the name; everything else is in the menu. */
const PHONE = '(max-width: 48em)';

/**
 * The signed-in app. Without a session it sends the user to /login; when a session expires it asks for the login
 * again over the page instead, so nothing typed is lost. A password someone else chose is changed first, then
 * the welcome (signature, tour) is shown once.
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
  if (me.data && !me.data.onboarded && path !== '/welcome') return <Navigate to="/welcome" replace />;
  return <SignedInShell session={session} lastUser={lastUser.current} />;
}

/**
 * The app itself for a user free to work: header (name, quick search, outbox, help, language, user menu),
 * navigation and the page; on a phone the header collapses into a menu holding all of it. The outbox sender and the
 * offline copies of assigned records run here only.
 */
function SignedInShell({ session, lastUser }: { session: Session | null; lastUser: string | null }) {
  const queryClient = useQueryClient();
  const intl = useIntl();
  const permissions = usePermissions();
  const [navOpen, nav] = useDisclosure(false);
  const phone = useMediaQuery(PHONE, false, { getInitialValueInEffect: false });
  const outbox = useOutbox();
  useOutboxSender();
  useOfflineCopies();
  const waiting = outbox.pending + outbox.failed.length;
  const canSearch = permissions.has('record.search') || permissions.has('record.read');

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding={{ base: 'xs', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Anchor href="#main-content" className={classes.skipLink}>
              <FormattedMessage id="shell.skipToContent" />
            </Anchor>
            {phone && (
              <Indicator label={waiting} size={18} disabled={waiting === 0} color="#995200" offset={6}>
                <Burger
                  opened={navOpen}
                  onClick={nav.toggle}
                  className={classes.burger}
                  aria-label={intl.formatMessage({ id: 'shell.menu' })}
                  aria-expanded={navOpen}
                  data-testid="menu-button"
                />
              </Indicator>
            )}
            <UnstyledButton component={Link} to="/" className={classes.home}>
              <Title order={2} size="h3" c="blue.9">
                <FormattedMessage id="app.name" />
              </Title>
            </UnstyledButton>
          </Group>
          {!phone && (
            <Group gap="sm" wrap="nowrap">
              {canSearch && <QuickSearch />}
              <OutboxIndicator />
              <HelpButton />
              <LanguageSwitch />
              <UserMenu />
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" style={{ overflowY: 'auto' }}>
        {phone && (
          <Stack gap="sm" mb="md" data-testid="phone-menu">
            <UserMenu />
            <OutboxIndicator onNavigate={nav.close} />
            {canSearch && <QuickSearch onSearch={nav.close} />}
            <HelpButton />
            <LanguageSwitch />
            <Divider />
          </Stack>
        )}
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
