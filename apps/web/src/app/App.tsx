import { Center, Drawer, Loader, MantineProvider, Modal, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { BrowserRouter, Route, Routes } from 'react-router';
import { LanguageProvider } from '../i18n/LanguageProvider.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';

// The login page is all a first visit needs: the signed-in app loads while the user types (and the service worker
// keeps it for offline use), so the first bytes over a slow link are the login's only.
const Layout = lazy(() => import('./Layout.tsx').then((m) => ({ default: m.Layout })));
const WorkqueuePage = lazy(() => import('../pages/WorkqueuePage.tsx').then((m) => ({ default: m.WorkqueuePage })));
const RecordPage = lazy(() => import('../pages/RecordPage.tsx').then((m) => ({ default: m.RecordPage })));
const SearchPage = lazy(() => import('../pages/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx').then((m) => ({ default: m.NotFoundPage })));

// The form renderer is the largest part of the app: load it when someone opens a form.
const DeclarePage = lazy(() => import('../forms/DeclarePage.tsx'));
const IdentityCallbackPage = lazy(() => import('../forms/identity/IdentityCallbackPage.tsx'));
// Pages a few roles use now and then: loaded when opened, not with the app.
const AdvancedSearchPage = lazy(() => import('../pages/search/AdvancedSearchPage.tsx'));
const DuplicateComparePage = lazy(() => import('../pages/record/duplicates/DuplicateComparePage.tsx'));
const CorrectionPage = lazy(() => import('../pages/record/corrections/CorrectionPage.tsx'));
const OutboxPage = lazy(() => import('../pages/outbox/OutboxPage.tsx'));
const SettingsPage = lazy(() => import('../pages/settings/SettingsPage.tsx'));
const ContentPage = lazy(() => import('../pages/settings/ContentPage.tsx'));
const TemplatesPage = lazy(() => import('../pages/templates/TemplatesPage.tsx'));
// Transcription of paper registers: a few teams during a digitisation project.
const PaperQueuePage = lazy(() => import('../pages/paper/PaperQueuePage.tsx'));
const TranscribePage = lazy(() => import('../pages/paper/TranscribePage.tsx'));
// Staff administration, audit, onboarding, recovery and help: pages most staff open rarely.
const HomePage = lazy(() => import('../pages/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const TeamPage = lazy(() => import('../pages/staff/TeamPage.tsx'));
const UserPage = lazy(() => import('../pages/staff/UserPage.tsx'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage.tsx'));
const IntegrationsPage = lazy(() => import('../pages/integrations/IntegrationsPage.tsx'));
const ImportsPage = lazy(() => import('../pages/imports/ImportsPage.tsx'));
const WelcomePage = lazy(() => import('../pages/onboarding/WelcomePage.tsx'));
const ChangePasswordPage = lazy(() => import('../pages/onboarding/ChangePasswordPage.tsx'));
const ActivatePage = lazy(() => import('../pages/onboarding/ActivatePage.tsx'));
const ForgotPasswordPage = lazy(() => import('../pages/recovery/ForgotPasswordPage.tsx'));
const ForgotUsernamePage = lazy(() => import('../pages/recovery/ForgotUsernamePage.tsx'));
const WhatsNewPage = lazy(() => import('../pages/help/WhatsNewPage.tsx'));
// The dashboard brings the charts library: only those who open it load it.
const DashboardPage = lazy(() => import('../pages/statistics/DashboardPage.tsx'));

// Shade 8 keeps white text on primary buttons above 4.5:1 contrast. Dialogs' close buttons get a name in the
// user's language (a bare × has none for screen readers).
function useTheme() {
  const intl = useIntl();
  const close = intl.formatMessage({ id: 'common.close' });
  return useMemo(
    () =>
      createTheme({
        primaryColor: 'blue',
        primaryShade: 8,
        defaultRadius: 'sm',
        fontFamily: 'system-ui, sans-serif',
        components: {
          Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': close } } }),
          Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': close } } }),
          // A spinner with a name must say what it is: a live status (aria-label alone is not allowed on a span).
          Loader: Loader.extend({ defaultProps: { role: 'status' } }),
        },
      }),
    [close],
  );
}

function Themed({ children }: { children: ReactNode }) {
  return <MantineProvider theme={useTheme()}>{children}</MantineProvider>;
}

// offlineFirst: a query runs once even offline (many answer from the device: drafts, places, kept records) and
// only its retries wait for the network; the default would leave "New birth" spinning offline.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false, networkMode: 'offlineFirst' },
    mutations: { networkMode: 'always' },
  },
});

function Loading() {
  return (
    <Center py="xl">
      <Loader aria-label="…" />
    </Center>
  );
}

/** A page loaded when first opened, with a spinner meanwhile. */
const later = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

export function App() {
  return (
    <LanguageProvider>
      <Themed>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/activate" element={later(<ActivatePage />)} />
              <Route path="/forgot-password" element={later(<ForgotPasswordPage />)} />
              <Route path="/reset-password" element={later(<ForgotPasswordPage />)} />
              <Route path="/forgot-username" element={later(<ForgotUsernamePage />)} />
              <Route element={later(<Layout />)}>
                <Route index element={later(<HomePage />)} />
                <Route path="/team" element={later(<TeamPage />)} />
                <Route path="/users/:id" element={later(<UserPage />)} />
                <Route path="/audit" element={later(<AuditPage />)} />
                <Route path="/integrations" element={later(<IntegrationsPage />)} />
                <Route path="/imports" element={later(<ImportsPage />)} />
                <Route path="/welcome" element={later(<WelcomePage />)} />
                <Route path="/change-password" element={later(<ChangePasswordPage />)} />
                <Route path="/whats-new" element={later(<WhatsNewPage />)} />
                <Route path="/workqueues/:slug?" element={later(<WorkqueuePage />)} />
                <Route path="/records/:id" element={later(<RecordPage />)} />
                <Route path="/search" element={later(<SearchPage />)} />
                <Route path="/dashboard" element={later(<DashboardPage />)} />
                <Route path="/search/advanced" element={later(<AdvancedSearchPage />)} />
                <Route path="/records/:id/duplicates" element={later(<DuplicateComparePage />)} />
                <Route path="/declare/:type" element={later(<DeclarePage />)} />
                <Route path="/records/:id/declare" element={later(<DeclarePage />)} />
                <Route path="/identity-check/callback" element={later(<IdentityCallbackPage />)} />
                <Route path="/records/:id/correct" element={later(<CorrectionPage />)} />
                <Route path="/outbox" element={later(<OutboxPage />)} />
                <Route path="/settings" element={later(<SettingsPage />)} />
                <Route path="/content" element={later(<ContentPage />)} />
                <Route path="/certificate-templates" element={later(<TemplatesPage />)} />
                <Route path="/paper" element={later(<PaperQueuePage />)} />
                <Route path="/paper/:id" element={later(<TranscribePage />)} />
                <Route path="*" element={later(<NotFoundPage />)} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </Themed>
    </LanguageProvider>
  );
}
