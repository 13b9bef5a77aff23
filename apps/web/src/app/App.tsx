import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { LanguageProvider } from '../i18n/LanguageProvider.tsx';
import { Layout } from './Layout.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { WorkqueuePage } from '../pages/WorkqueuePage.tsx';
import { RecordPage } from '../pages/RecordPage.tsx';
import { SearchPage } from '../pages/SearchPage.tsx';
import { HomePage } from '../pages/HomePage.tsx';

// The form renderer is the largest part of the app: load it when someone opens a form.
const DeclarePage = lazy(() => import('../forms/DeclarePage.tsx'));
// Pages a few roles use now and then: loaded when opened, not with the app.
const AdvancedSearchPage = lazy(() => import('../pages/search/AdvancedSearchPage.tsx'));
const DuplicateComparePage = lazy(() => import('../pages/record/duplicates/DuplicateComparePage.tsx'));
// Staff administration, audit, onboarding, recovery and help: pages most staff open rarely.
const TeamPage = lazy(() => import('../pages/staff/TeamPage.tsx'));
const UserPage = lazy(() => import('../pages/staff/UserPage.tsx'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage.tsx'));
const WelcomePage = lazy(() => import('../pages/onboarding/WelcomePage.tsx'));
const ChangePasswordPage = lazy(() => import('../pages/onboarding/ChangePasswordPage.tsx'));
const ActivatePage = lazy(() => import('../pages/onboarding/ActivatePage.tsx'));
const ForgotPasswordPage = lazy(() => import('../pages/recovery/ForgotPasswordPage.tsx'));
const ForgotUsernamePage = lazy(() => import('../pages/recovery/ForgotUsernamePage.tsx'));
const WhatsNewPage = lazy(() => import('../pages/help/WhatsNewPage.tsx'));

/** A page loaded when first opened. */
const later = (page: React.ReactNode) => <Suspense>{page}</Suspense>;
// The dashboard brings the charts library: only those who open it load it.
const DashboardPage = lazy(() => import('../pages/statistics/DashboardPage.tsx'));

// Shade 8 keeps white text on primary buttons above 4.5:1 contrast.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, sans-serif',
});

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

export function App() {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <LanguageProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/activate" element={later(<ActivatePage />)} />
              <Route path="/forgot-password" element={later(<ForgotPasswordPage />)} />
              <Route path="/reset-password" element={later(<ForgotPasswordPage />)} />
              <Route path="/forgot-username" element={later(<ForgotUsernamePage />)} />
              <Route element={<Layout />}>
                <Route index element={<HomePage />} />
                <Route path="/team" element={later(<TeamPage />)} />
                <Route path="/users/:id" element={later(<UserPage />)} />
                <Route path="/audit" element={later(<AuditPage />)} />
                <Route path="/welcome" element={later(<WelcomePage />)} />
                <Route path="/change-password" element={later(<ChangePasswordPage />)} />
                <Route path="/whats-new" element={later(<WhatsNewPage />)} />
                <Route path="/workqueues/:slug?" element={<WorkqueuePage />} />
                <Route path="/records/:id" element={<RecordPage />} />
                <Route path="/search" element={<SearchPage />} />
                <Route
                  path="/dashboard"
                  element={
                    <Suspense>
                      <DashboardPage />
                    </Suspense>
                  }
                />
                <Route
                  path="/search/advanced"
                  element={
                    <Suspense>
                      <AdvancedSearchPage />
                    </Suspense>
                  }
                />
                <Route
                  path="/records/:id/duplicates"
                  element={
                    <Suspense>
                      <DuplicateComparePage />
                    </Suspense>
                  }
                />
                <Route
                  path="/declare/:type"
                  element={
                    <Suspense>
                      <DeclarePage />
                    </Suspense>
                  }
                />
                <Route
                  path="/records/:id/declare"
                  element={
                    <Suspense>
                      <DeclarePage />
                    </Suspense>
                  }
                />
              </Route>
            </Routes>
          </BrowserRouter>
        </LanguageProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
