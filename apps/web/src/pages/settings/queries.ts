import type { SettingsLayer, SettingsVersionSummary, SettingsView } from '@lifeline/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => api<SettingsView>('/api/config/settings') });
}

export function useSettingsVersions() {
  return useQuery({
    queryKey: ['settings-versions'],
    queryFn: () => api<SettingsVersionSummary[]>('/api/config/settings/versions?limit=20'),
  });
}

/** After a change: the editor, its versions and the config every page reads (fees, forms, names) reload. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (view: SettingsView) => {
    queryClient.setQueryData(['settings'], view);
    void queryClient.invalidateQueries({ queryKey: ['settings-versions'] });
    void queryClient.invalidateQueries({ queryKey: ['config'] });
  };
}

export function useSaveSettings() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { settings: SettingsLayer; reason: string; baseVersion: number }) =>
      api<SettingsView>('/api/config/settings', { method: 'PUT', body }),
    onSuccess: refresh,
  });
}

export function useRollback() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ version, reason }: { version: number; reason: string }) =>
      api<SettingsView>(`/api/config/settings/versions/${version}/rollback`, { body: { reason } }),
    onSuccess: refresh,
  });
}
