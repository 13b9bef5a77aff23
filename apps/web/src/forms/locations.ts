import type { Location, LocationType } from '@lifeline/domain';
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { usePlaces } from '../offline/usePlaces.ts';

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

/** What the hooks below answer, from the device's copy of the places or from the server. */
interface Answer<T> {
  data: T | undefined;
  isLoading: boolean;
  isFetching: boolean;
  isError: boolean;
}

const local = <T>(data: T): Answer<T> => ({ data, isLoading: false, isFetching: false, isError: false });

/** One location by id (for showing a chosen facility or area by name): from the device, else the server. */
export function useLocation(id: string | undefined): Answer<Location> {
  const places = usePlaces();
  const kept = id ? places?.get(id) : undefined;
  const remote = useQuery({
    queryKey: locationKey(id ?? ''),
    queryFn: ({ signal }) => api<Location>(`/api/locations/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id && !kept,
    staleTime: DAY,
    gcTime: DAY,
  });
  return kept ? local(kept) : remote;
}

/**
 * Locations of a type whose names match what was typed, 20 at most. Searched on the device (every keystroke, also
 * offline) once its copy of the places is there; until then on the server with `debounced`. With nothing typed,
 * `near` (an area id) suggests the ones in the user's area.
 */
export function useLocationSearch(
  type: LocationType,
  typed: string,
  debounced: string,
  near?: string | null,
): Answer<LocationPage> {
  const places = usePlaces();
  const client = useQueryClient();
  const text = (places ? '' : debounced).trim();
  const params = new URLSearchParams({ type, limit: '20' });
  if (text) params.set('q', text.slice(0, 100));
  else if (near) params.set('within', near);
  const remote = useQuery<LocationPage>({
    queryKey: ['locations', params.toString()],
    queryFn: ({ signal }) => api<LocationPage>(`/api/locations?${params}`, { signal }).then((p) => remember(client, p)),
    enabled: !places && (!!text || !!near),
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
  if (!places) return remote;
  const results = typed.trim() || near ? places.search(typed, { types: [type], near }) : [];
  return local({ results, total: results.length });
}

/**
 * The administrative areas directly under `parentId`, or the top-level ones when it is null. The API has no
 * "top level" filter yet: it is asked for `level=1` (ignored by servers that do not know it) and the answer is
 * filtered here, which costs one request of at most 500 areas, once per session.
 */
export function useChildAreas(parentId: string | null, enabled = true): Answer<Location[]> {
  const places = usePlaces();
  const client = useQueryClient();
  const params = new URLSearchParams({ type: 'ADMIN_AREA', limit: '500' });
  if (parentId) params.set('parentId', parentId);
  else params.set('level', '1');
  const remote = useQuery({
    queryKey: ['locations', params.toString()],
    queryFn: async ({ signal }) => {
      const page = remember(client, await api<LocationPage>(`/api/locations?${params}`, { signal }));
      return parentId ? page.results : page.results.filter((l) => l.parentId === null || l.level === 1);
    },
    enabled: enabled && !places,
    staleTime: DAY,
    gcTime: DAY,
  });
  return places ? local(places.childAreas(parentId)) : remote;
}

/** The chain of areas from the top level down to `leafId` (to show a saved address's selects). */
export function useAreaPath(leafId: string | undefined): Answer<string[]> {
  const places = usePlaces();
  const client = useQueryClient();
  const kept = leafId && places?.get(leafId) ? places.path(leafId) : undefined;
  const remote = useQuery({
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
    enabled: !!leafId && !kept,
    staleTime: DAY,
  });
  return kept ? local(kept) : remote;
}
