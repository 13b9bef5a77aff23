import type { Location } from '@lifeline/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { NetworkError, api } from '../../api/client.ts';
import { getSession } from '../../api/session.ts';
import { keptRecord } from '../../offline/records.ts';
import { usePlaces } from '../../offline/usePlaces.ts';
import type { EventDocument, EventSummary, UserSummary, WorkqueueInfo } from '../../api/types.ts';

export type WorkqueueSort = 'updatedAt' | '-updatedAt' | 'dateOfEvent' | '-dateOfEvent' | 'title';

export interface Page<T> {
  results: T[];
  total: number;
}

/**
 * The caller's workqueues with their counts; refreshed every minute. The last list is kept on the device so the
 * navigation still shows offline (with the counts it last had).
 */
export function useWorkqueues() {
  return useQuery({
    queryKey: ['workqueues'],
    queryFn: async () => {
      const key = `lifeline.workqueues.${getSession()?.username ?? ''}`;
      try {
        const queues = await api<WorkqueueInfo[]>('/api/workqueues');
        localStorage.setItem(key, JSON.stringify(queues));
        return queues;
      } catch (error) {
        const cached = error instanceof NetworkError ? localStorage.getItem(key) : null;
        if (cached) return JSON.parse(cached) as WorkqueueInfo[];
        throw error;
      }
    },
    refetchInterval: 60_000,
  });
}

/** One page of a workqueue; without `sort` the queue's own order (from the country config) applies. */
export function useWorkqueue(
  slug: string | undefined,
  params: { limit: number; offset: number; sort?: WorkqueueSort },
) {
  return useQuery({
    queryKey: ['workqueues', slug, params],
    queryFn: () => {
      const query = new URLSearchParams({ limit: String(params.limit), offset: String(params.offset) });
      if (params.sort) query.set('sort', params.sort);
      return api<Page<EventSummary>>(`/api/workqueues/${encodeURIComponent(slug!)}?${query}`);
    },
    enabled: !!slug,
    placeholderData: keepPreviousData,
  });
}

/** A record from the server; offline, the copy kept on the device if it is one of the user's assigned records. */
export function useRecord(id: string | undefined) {
  return useQuery({
    queryKey: ['record', id],
    queryFn: async () => {
      try {
        return await api<EventDocument>(`/api/events/${id}`);
      } catch (error) {
        const username = getSession()?.username;
        const kept = error instanceof NetworkError && username ? await keptRecord(username, id!) : undefined;
        if (kept) return kept.record;
        throw error;
      }
    },
    enabled: !!id,
  });
}

/** Quick search: tracking id, registration number, national ID or names. */
export function useQuickSearch(term: string, offset = 0) {
  return useQuery({
    queryKey: ['search', term, offset],
    queryFn: () =>
      api<Page<EventSummary>>('/api/events/search', {
        body: { query: { type: 'quick', term }, limit: 20, offset },
      }),
    enabled: term.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Staff by id, for "who" in lists and history. Unknown ids are simply absent. */
export function useUsers(ids: readonly string[]) {
  const unique = [...new Set(ids)].filter(Boolean).sort();
  return useQuery({
    queryKey: ['users', unique],
    queryFn: async () => {
      const users = await api<UserSummary[]>(`/api/users?ids=${unique.map(encodeURIComponent).join(',')}`);
      return new Map(users.map((u) => [u.id, u]));
    },
    enabled: unique.length > 0,
    staleTime: 10 * 60_000,
  });
}

/** One location (office, facility, area): from the device's copy of the places, else the server. */
export function useLocation(id: string | null | undefined): { data: Location | undefined; isLoading: boolean } {
  const places = usePlaces();
  const kept = id ? places?.get(id) : undefined;
  const remote = useQuery({
    queryKey: ['location', id],
    queryFn: () => api<Location>(`/api/locations/${encodeURIComponent(id!)}`, { anonymous: true }),
    enabled: !!id && !kept,
    staleTime: Infinity,
    retry: false,
  });
  return kept ? { data: kept, isLoading: false } : remote;
}
