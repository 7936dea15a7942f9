/** Routes, sign-in guard and the providers every page uses. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ApiProvider } from './api/api-context';
import { ApiProblem } from './api/client';
import { AuthProvider, useAuth } from './auth/auth-context';
import type { ConsoleConfig } from './config';
import { Layout } from './components/layout';
import { Loading } from './components/ui';
import { AuthCallbackPage, SignInPage } from './pages/sign-in';
import { ConnectionsPage } from './pages/connections';
import { ConnectCallbackPage } from './pages/connect-callback';
import { ConnectionPage } from './pages/connection';
import { LeadsPage } from './pages/leads';
import { LeadPage } from './pages/lead';
import { LeadMappingPage } from './pages/lead-mapping';
import { CalendarPage } from './pages/calendar';
import { InboxPage } from './pages/inbox';
import { AdsPage } from './pages/ads';
import { CampaignPage } from './pages/campaign';
import { InsightsPage } from './pages/insights';
import { PrivacyPage } from './pages/privacy';
import { SettingsPage } from './pages/settings';

function RequireSession() {
  const auth = useAuth();
  const location = useLocation();
  if (auth.loading) return <Loading what="your session" />;
  if (!auth.session) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?from=${encodeURIComponent(from)}`} replace />;
  }
  return (
    <ApiProvider>
      <Outlet />
    </ApiProvider>
  );
}

const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/auth/callback', element: <AuthCallbackPage /> },
    {
      element: <RequireSession />,
      children: [
        {
          element: <Layout />,
          children: [
            { index: true, element: <Navigate to="/connections" replace /> },
            { path: '/connections', element: <ConnectionsPage /> },
            { path: '/connections/callback', element: <ConnectCallbackPage /> },
            { path: '/connections/:id', element: <ConnectionPage /> },
            { path: '/leads', element: <LeadsPage /> },
            { path: '/leads/mapping', element: <LeadMappingPage /> },
            { path: '/leads/:id', element: <LeadPage /> },
            { path: '/calendar', element: <CalendarPage /> },
            { path: '/inbox', element: <InboxPage /> },
            { path: '/inbox/:id', element: <InboxPage /> },
            { path: '/ads', element: <AdsPage /> },
            { path: '/ads/:id', element: <CampaignPage /> },
            { path: '/insights', element: <InsightsPage /> },
            { path: '/privacy', element: <PrivacyPage /> },
            { path: '/settings', element: <SettingsPage /> },
            { path: '*', element: <Navigate to="/connections" replace /> },
          ],
        },
      ],
    },
  ],
  { basename: import.meta.env.BASE_URL.replace(/\/$/, '') },
);

export function App({ config }: { config: ConsoleConfig }) {
  const queries = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // a refusal will not change by asking again
            retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
            refetchOnWindowFocus: true,
          },
        },
      }),
    [],
  );
  return (
    <QueryClientProvider client={queries}>
      <AuthProvider config={config}>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  );
}
