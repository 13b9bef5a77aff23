import type { HelpPageId } from '@lifeline/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';

export interface HelpIndex {
  support: { name: string; email: string | null; phone: string | null; hours: string | null };
  pages: string[];
  training: boolean;
}

/** The support contact and whether this server is in practice mode (public: the login page shows it too). */
export function useHelpIndex() {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['help', language],
    queryFn: () => api<HelpIndex>(`/api/help?lang=${language}`, { anonymous: true }),
    staleTime: 10 * 60_000,
  });
}

/** One page's help (or "what's new"), as HTML rendered on the server from the country's markdown. */
export function useHelpPage(page: HelpPageId | 'whats-new', enabled = true) {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['help', page, language],
    queryFn: () => api<{ html: string }>(`/api/help/${page}?lang=${language}`, { anonymous: true }),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** Which help goes with a path of the app. */
export function helpPageOf(pathname: string): HelpPageId {
  if (pathname.startsWith('/declare') || pathname.endsWith('/declare')) return 'declare';
  if (pathname.startsWith('/records')) return 'record';
  if (pathname.startsWith('/search')) return 'search';
  if (pathname.startsWith('/team')) return 'team';
  if (pathname.startsWith('/users')) return 'user';
  if (pathname.startsWith('/audit')) return 'audit';
  if (pathname.startsWith('/welcome')) return 'welcome';
  if (['/login', '/activate', '/forgot-password', '/reset-password', '/forgot-username'].includes(pathname)) {
    return 'login';
  }
  return 'workqueues';
}
