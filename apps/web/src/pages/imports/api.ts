import type { ImportFormat, ImportPage, ImportView } from '@lifeline/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, NetworkError, refreshSession, type Problem } from '../../api/client.ts';
import { getSession } from '../../api/session.ts';
import { FORMAT_MEDIA_TYPES, pollInterval } from './progress.ts';

/** fetch with the user's token, renewed once on 401; a refusal is thrown as the server's problem. */
async function authorized(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${getSession()?.accessToken ?? ''}` },
    });
  } catch {
    throw new NetworkError('no connection to the server');
  }
  if (res.status === 401 && !retried && (await refreshSession())) return authorized(path, init, true);
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as Problem | null;
    throw new ApiError(problem ?? { title: res.statusText, status: res.status });
  }
  return res;
}

export interface StartImport {
  eventType: string;
  format: ImportFormat;
  file: File;
}

/** The file is the body, as it is: the server streams it to disk and imports it in the background. */
export async function startImport({ eventType, format, file }: StartImport): Promise<ImportView> {
  const query = new URLSearchParams({ type: eventType, format, name: file.name });
  const res = await authorized(`/api/imports?${query}`, {
    method: 'POST',
    headers: { 'content-type': FORMAT_MEDIA_TYPES[format] },
    body: file,
  });
  return (await res.json()) as ImportView;
}

/** Which report: the refused rows and why, or the rows the duplicate rules reported with the record they match. */
export type ReportKind = 'refused' | 'duplicates';

/** Save a report of an import (CSV). */
export async function downloadReport(id: string, kind: ReportKind = 'refused'): Promise<void> {
  const res = await authorized(`/api/imports/${id}/report${kind === 'duplicates' ? '?kind=duplicates' : ''}`);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `import-${id}-${kind}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export const PAGE_SIZE = 20;

/** The imports the user may follow, newest first; refreshed while one of them runs. */
export function useImports(offset: number) {
  return useQuery({
    queryKey: ['imports', offset],
    queryFn: () => api<ImportPage>(`/api/imports?limit=${PAGE_SIZE}&offset=${offset}`),
    refetchInterval: (query) => (query.state.data?.results.some((r) => r.status === 'running') ? 2000 : false),
  });
}

/** One import, polled until it finishes. */
export function useImport(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['import', id],
    enabled: !!id,
    queryFn: async () => {
      const view = await api<ImportView>(`/api/imports/${id}`);
      if (view.status !== 'running') void queryClient.invalidateQueries({ queryKey: ['imports'] });
      return view;
    },
    refetchInterval: (query) => pollInterval(query.state.data),
  });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startImport,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['imports'] }),
  });
}
