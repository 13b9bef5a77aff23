import type { Location, SearchQuery } from '@lifeline/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { EventSummary } from '../../api/types.ts';
import type { Page } from '../data/queries.ts';
import { isFuzzy } from './query.ts';

export const PAGE_SIZE = 20;

/** A search result: the record's summary and how well it matched the names asked for. */
export type SearchResult = EventSummary & { score: number };

/** One page of an advanced search; fuzzy name searches come best match first. */
export function useAdvancedSearch(query: SearchQuery | null, offset: number) {
  return useQuery({
    queryKey: ['search', 'advanced', query, offset],
    queryFn: ({ signal }) =>
      api<Page<SearchResult>>('/api/events/search', {
        body: { query, limit: PAGE_SIZE, offset, ...(isFuzzy(query) ? { sort: '-score' } : {}) },
        signal,
      }),
    enabled: !!query,
    placeholderData: keepPreviousData,
  });
}

export interface SavedSearch {
  id: string;
  name: string;
  query: SearchQuery;
  createdAt: string;
}

const SAVED = ['saved-searches'] as const;

/** The user's saved searches, by name. */
export function useSavedSearches() {
  return useQuery({ queryKey: SAVED, queryFn: () => api<SavedSearch[]>('/api/saved-searches') });
}

export function useSaveSearch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: SearchQuery }) => api<SavedSearch>('/api/saved-searches', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: SAVED }),
  });
}

export function useDeleteSavedSearch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/saved-searches/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: SAVED }),
  });
}

/** Places an event can happen at (areas and health facilities, not offices) whose names match what was typed. */
export function usePlaceSearch(text: string) {
  const client = useQueryClient();
  const q = text.trim().slice(0, 100);
  return useQuery({
    queryKey: ['locations', 'places', q],
    queryFn: async ({ signal }) => {
      const page = await api<Page<Location>>(`/api/locations?${new URLSearchParams({ q, limit: '25' })}`, {
        signal,
        anonymous: true,
      });
      // Remembered one by one, so the chosen place shows by name without another request.
      for (const location of page.results) client.setQueryData(['location', location.id], location);
      return page.results.filter((l) => l.type !== 'CRVS_OFFICE').slice(0, 20);
    },
    enabled: q.length > 0,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}
