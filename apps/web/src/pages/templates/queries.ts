import type {
  CertificateTemplate,
  CertificateTemplateSummary,
  CertificateTemplateView,
  SettingsVersionSummary,
} from '@lifeline/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, NetworkError, refreshSession, type Problem } from '../../api/client.ts';
import { getSession } from '../../api/session.ts';

const BASE = '/api/config/certificate-templates';

export function useTemplates() {
  return useQuery({ queryKey: ['templates'], queryFn: () => api<CertificateTemplateSummary[]>(BASE) });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: ['template', id],
    queryFn: () => api<CertificateTemplateView>(`${BASE}/${id}`),
    enabled: !!id,
  });
}

export function useTemplateVersions(id: string | null) {
  return useQuery({
    queryKey: ['template-versions', id],
    queryFn: () => api<SettingsVersionSummary[]>(`${BASE}/${id}/versions?limit=20`),
    enabled: !!id,
  });
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return (view: CertificateTemplateView) => {
    queryClient.setQueryData(['template', id], view);
    void queryClient.invalidateQueries({ queryKey: ['templates'] });
    void queryClient.invalidateQueries({ queryKey: ['template-versions', id] });
  };
}

export function useSaveTemplate(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: { template: CertificateTemplate; reason: string; baseVersion: number }) =>
      api<CertificateTemplateView>(`${BASE}/${id}`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
}

export function useRollbackTemplate(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: ({ version, reason }: { version: number; reason: string }) =>
      api<CertificateTemplateView>(`${BASE}/${id}/versions/${version}/rollback`, { body: { reason } }),
    onSuccess: refresh,
  });
}

/** The preview PDF of a draft as a local URL (the request carries the token, which a frame's src cannot). */
export async function previewUrl(id: string, template: CertificateTemplate, retried = false): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${BASE}/${id}/preview`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${getSession()?.accessToken ?? ''}`,
      },
      body: JSON.stringify({ template }),
    });
  } catch {
    throw new NetworkError('no connection to the server');
  }
  if (res.status === 401 && !retried && (await refreshSession())) return previewUrl(id, template, true);
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as Problem | null;
    throw new ApiError(problem ?? { title: res.statusText, status: res.status });
  }
  return URL.createObjectURL(await res.blob());
}
