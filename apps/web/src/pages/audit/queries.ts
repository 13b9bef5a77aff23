import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { send } from '../../forms/files.ts';

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  actorUsername: string | null;
  actorName: string | null;
  subjectType: string;
  subjectId: string;
  ip: string | null;
  details: Record<string, unknown> | null;
  record: { id: string; trackingId: string; title: string } | null;
}

export interface AuditFilters {
  userId?: string;
  eventId?: string;
  action?: string;
  from?: string;
  to?: string;
}

function queryString(filters: AuditFilters, extra: Record<string, string> = {}) {
  const params = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params.toString();
}

export function useAudit(filters: AuditFilters, page: { limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () =>
      api<{ results: AuditEntry[]; total: number }>(
        `/api/audit?${queryString(filters, { limit: String(page.limit), offset: String(page.offset) })}`,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Download the entries matching the filters as a CSV file (the API needs the token, so not a plain link). */
export async function downloadAuditCsv(filters: AuditFilters): Promise<void> {
  const res = await send(`/api/audit/export?${queryString(filters)}`, { method: 'GET' });
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = 'audit.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
