import type { Location, LocationType } from '@lifeline/domain';
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

interface LocationPage {
  results: Location[];
  total: number;
}

const DAY = 24 * 60 * 60_000;
const locationKey = (id: string) => ['location', id] as const;

async function fetchLocation(client: QueryClient, id: string, signal?: AbortSignal): Promise<Location> {
  return client.fetchQuery({
    queryKey: locationKey(id),
    queryFn: () => api<Location>(`/api/locations/${encodeURIComponent(id)}`, { signal }),
    staleTime: DAY,
  });
}

/** Remember each location a list returned, so showing a chosen one by name needs no request. */
function remember(client: QueryClient, page: LocationPage) {
  for (const location of page.results) client.setQueryData(locationKey(location.id), location);
  return page;
}

/** One location by id (for showing a chosen facility or area by name). */
export function useLocation(id: string | undefined) {
  return useQuery({
    queryKey: locationKey(id ?? ''),
    queryFn: ({ signal }) => api<Location>(`/api/locations/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
    staleTime: DAY,
    gcTime: DAY,
  });
}

/**
 * Locations of a type whose names match what was typed, 20 at most: never the whole list, which has 100,000
 * entries in some countries. With nothing typed, `near` (an area id) suggests the ones in the user's area.
 */
export function useLocationSearch(type: LocationType, q: string, near?: string | null) {
  const client = useQueryClient();
  const text = q.trim();
  const params = new URLSearchParams({ type, limit: '20' });
  if (text) params.set('q', text.slice(0, 100));
  else if (near) params.set('within', near);
  return useQuery<LocationPage>({
    queryKey: ['locations', params.toString()],
    queryFn: ({ signal }) => api<LocationPage>(`/api/locations?${params}`, { signal }).then((p) => remember(client, p)),
    enabled: !!text || !!near,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * The administrative areas directly under `parentId`, or the top-level ones when it is null. The API has no
 * "top level" filter yet: it is asked for `level=1` (ignored by servers that do not know it) and the answer is
 * filtered here, which costs one request of at most 500 areas, once per session.
 */
export function useChildAreas(parentId: string | null, enabled = true) {
  const client = useQueryClient();
  const params = new URLSearchParams({ type: 'ADMIN_AREA', limit: '500' });
  if (parentId) params.set('parentId', parentId);
  else params.set('level', '1');
  return useQuery({
    queryKey: ['locations', params.toString()],
    queryFn: async ({ signal }) => {
      const page = remember(client, await api<LocationPage>(`/api/locations?${params}`, { signal }));
      return parentId ? page.results : page.results.filter((l) => l.parentId === null || l.level === 1);
    },
    enabled,
    staleTime: DAY,
    gcTime: DAY,
  });
}

/** The chain of areas from the top level down to `leafId` (to show a saved address's selects). */
export function useAreaPath(leafId: string | undefined) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['areaPath', leafId],
    queryFn: async ({ signal }) => {
      const chain: Location[] = [];
      let id: string | null = leafId!;
      while (id && chain.length < 10) {
        const location: Location = await fetchLocation(client, id, signal);
        chain.unshift(location);
        id = location.parentId;
      }
      return chain.map((l) => l.id);
    },
    enabled: !!leafId,
    staleTime: DAY,
  });
}
