import type { PaperEntryBody, PaperEntryResult, PaperPageDetail, PaperPageView } from '@lifeline/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { send } from '../../forms/files.ts';

/** The "Scanned pages to transcribe" workqueue (first 200 pages). */
export function usePaperQueue(enabled = true) {
  return useQuery({
    queryKey: ['paper-pages'],
    queryFn: ({ signal }) => api<{ results: PaperPageView[]; total: number }>('/api/paper/pages?limit=200', { signal }),
    enabled,
  });
}

export function usePaperPage(id: string) {
  return useQuery({
    queryKey: ['paper-page', id],
    queryFn: ({ signal }) => api<PaperPageDetail>(`/api/paper/pages/${id}`, { signal }),
  });
}

/** Upload one scan file (raw body) with where it comes from. */
export async function uploadScan(file: File, query: Record<string, string>): Promise<PaperPageView[]> {
  const params = new URLSearchParams({ ...query, filename: file.name });
  const res = await send(`/api/paper/pages?${params}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  return ((await res.json()) as { pages: PaperPageView[] }).pages;
}

export const assignPage = (id: string) =>
  api<PaperPageView>(`/api/paper/pages/${id}/assign`, { method: 'POST', body: {} });
export const releasePage = (id: string) =>
  api<PaperPageView>(`/api/paper/pages/${id}/unassign`, { method: 'POST', body: {} });
export const submitEntry = (id: string, body: PaperEntryBody, resolve: boolean) =>
  api<PaperEntryResult>(`/api/paper/pages/${id}/${resolve ? 'resolve' : 'entries'}`, { method: 'POST', body });
