import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AppConfig, Me } from './types.ts';

const CONFIG_CACHE = 'lifeline.config';

/** The country config (forms, roles, settings). Cached on the device so forms open offline. */
export function useAppConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: async () => {
      try {
        const config = await api<AppConfig>('/api/config');
        localStorage.setItem(CONFIG_CACHE, JSON.stringify(config));
        return config;
      } catch (error) {
        const cached = localStorage.getItem(CONFIG_CACHE);
        if (cached) return JSON.parse(cached) as AppConfig;
        throw error;
      }
    },
    // Settings change in the app and apply at once: revalidate often (an unchanged config costs a 304).
    staleTime: 30_000,
  });
}

const ME_CACHE = 'lifeline.me';

/** The signed-in user. Cached on the device for offline starts. */
export function useMe(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api<Me>('/api/users/me');
        localStorage.setItem(ME_CACHE, JSON.stringify(me));
        return me;
      } catch (error) {
        const cached = localStorage.getItem(ME_CACHE);
        if (cached) return JSON.parse(cached) as Me;
        throw error;
      }
    },
    staleTime: 10 * 60_000,
  });
}
