import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LanguageProvider } from '../i18n/LanguageProvider.tsx';
import { Layout } from './Layout.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { WorkqueuePage } from '../pages/WorkqueuePage.tsx';
import { RecordPage } from '../pages/RecordPage.tsx';
import { SearchPage } from '../pages/SearchPage.tsx';

// The form renderer is the largest part of the app: load it when someone opens a form.
const DeclarePage = lazy(() => import('../forms/DeclarePage.tsx'));
// Pages a few roles use now and then: loaded when opened, not with the app.
const AdvancedSearchPage = lazy(() => import('../pages/search/AdvancedSearchPage.tsx'));
const DuplicateComparePage = lazy(() => import('../pages/record/duplicates/DuplicateComparePage.tsx'));
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
              <Route element={<Layout />}>
                <Route index element={<Navigate to="/workqueues" replace />} />
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
