import type {
  CompletenessResponse,
  DataQualityResponse,
  GroupBy,
  RegistrationsResponse,
  StatisticsMapResponse,
  TimeToRegistrationResponse,
} from '@lifeline/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, refreshSession } from '../../api/client.ts';
import { getSession } from '../../api/session.ts';
import type { DashboardFilters } from './dashboard-filters.ts';

/** The statistics API, as the dashboard asks for it. */

export function periodParams(f: DashboardFilters, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams({ event: f.event, from: f.from, to: f.to, ...extra });
  if (f.areaId) params.set('areaId', f.areaId);
  if (f.officeId) params.set('officeId', f.officeId);
  return params;
}

const MINUTE = 60_000;

export function useRegistrations(f: DashboardFilters, groupBy: GroupBy) {
  const params = periodParams(f, { groupBy });
  return useQuery({
    queryKey: ['statistics', 'registrations', params.toString()],
    queryFn: ({ signal }) => api<RegistrationsResponse>(`/api/statistics/registrations?${params}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: MINUTE,
  });
}

export function useCompleteness(f: DashboardFilters) {
  const params = new URLSearchParams({ event: f.event, year: f.to.slice(0, 4) });
  if (f.areaId) params.set('areaId', f.areaId);
  return useQuery({
    queryKey: ['statistics', 'completeness', params.toString()],
    queryFn: ({ signal }) => api<CompletenessResponse>(`/api/statistics/completeness?${params}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: MINUTE,
  });
}

export function useTimeToRegistration(f: DashboardFilters) {
  const params = periodParams(f);
  return useQuery({
    queryKey: ['statistics', 'time', params.toString()],
    queryFn: ({ signal }) =>
      api<TimeToRegistrationResponse>(`/api/statistics/time-to-registration?${params}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: MINUTE,
  });
}

export function useDataQuality(f: DashboardFilters) {
  const params = periodParams(f, { limit: '50' });
  return useQuery({
    queryKey: ['statistics', 'quality', params.toString()],
    queryFn: ({ signal }) => api<DataQualityResponse>(`/api/statistics/data-quality?${params}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: MINUTE,
  });
}

export function useStatisticsMap() {
  return useQuery({
    queryKey: ['statistics', 'map'],
    queryFn: async ({ signal }) => {
      try {
        return await api<StatisticsMapResponse>('/api/statistics/map', { signal });
      } catch (error) {
        // A country without boundaries: every level is drawn as ranked bars.
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
    staleTime: 60 * MINUTE,
  });
}

/** Download an export (CSV or XLSX) with the session's token, as a file named by the server. */
export async function download(path: string): Promise<void> {
  const session = getSession();
  if (session && session.expiresAt - Date.now() < 30_000) await refreshSession();
  const token = getSession()?.accessToken;
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'statistics';
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
