import type { ClientView, ClientWithSecret, CreateClientBody } from '@lifeline/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export function useClients() {
  return useQuery({
    queryKey: ['integrations'],
    queryFn: () => api<{ results: ClientView[] }>('/api/integrations'),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['integrations'] });
}

export function useCreateClient() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateClientBody) => api<ClientWithSecret>('/api/integrations', { body }),
    onSuccess: refresh,
  });
}

export function useDisableClient() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api<ClientView>(`/api/integrations/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useRotateSecret() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api<ClientWithSecret>(`/api/integrations/${id}/secret`, { method: 'POST' }),
    onSuccess: refresh,
  });
}
