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

export function useSetClientFields() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, fields }: { id: string; fields: string[] | null }) =>
      api<ClientView>(`/api/integrations/${id}/fields`, { method: 'PUT', body: { fields } }),
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

/** A background job as GET /api/outbox lists it (webhook deliveries here). */
export interface DeliveryJob {
  id: number;
  status: 'pending' | 'sent' | 'failed';
  payload: { body?: { type?: string; data?: { trackingId?: string } }; subscriptionId?: string };
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

/** Webhook deliveries parked after their last attempt. */
export function useFailedDeliveries() {
  return useQuery({
    queryKey: ['failed-deliveries'],
    queryFn: () => api<{ results: DeliveryJob[]; total: number }>('/api/outbox?status=failed&kind=webhook&limit=50'),
  });
}

export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<DeliveryJob>(`/api/outbox/${id}/retry`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['failed-deliveries'] }),
  });
}
