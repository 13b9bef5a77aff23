import type { NewUserInput, UserDetails, UserPage, UserUpdateInput } from '@lifeline/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface TeamQuery {
  officeId?: string;
  q?: string;
  status?: string;
  role?: string;
  limit: number;
  offset: number;
}

/** A page of staff (the team of an office, or a search). */
export function useTeam(query: TeamQuery, enabled = true) {
  return useQuery({
    queryKey: ['team', query],
    queryFn: () => {
      const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
      for (const key of ['officeId', 'q', 'status', 'role'] as const) if (query[key]) params.set(key, query[key]!);
      return api<UserPage>(`/api/users?${params}`);
    },
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useUserDetails(id: string | undefined) {
  return useQuery({
    queryKey: ['user', id],
    queryFn: () => api<UserDetails>(`/api/users/${id}`),
    enabled: !!id,
  });
}

/** The roles the signed-in administrator may give. */
export function useGrantableRoles() {
  return useQuery({
    queryKey: ['grantable-roles'],
    queryFn: () => api<{ create: string[]; edit: string[] }>('/api/users/roles'),
    staleTime: 10 * 60_000,
  });
}

/** After any change to a user: the lists and their page show it. */
function useRefreshUsers() {
  const queryClient = useQueryClient();
  return (user: UserDetails) => {
    queryClient.setQueryData(['user', user.id], user);
    void queryClient.invalidateQueries({ queryKey: ['team'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (input: NewUserInput) => api<UserDetails>('/api/users', { body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateUser(id: string) {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (changes: UserUpdateInput) => api<UserDetails>(`/api/users/${id}`, { method: 'PATCH', body: changes }),
    onSuccess: refresh,
  });
}

/** The support actions of a user's row and page. */
export const USER_ACTIONS = [
  'unlock',
  'reset-password',
  'resend-invitation',
  'reset-second-factor',
  'deactivate',
  'reactivate',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export function useUserAction() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: UserAction; reason?: string }) =>
      api<UserDetails>(`/api/users/${id}/${action}`, {
        method: 'POST',
        body: reason === undefined ? undefined : { reason },
      }),
    onSuccess: refresh,
  });
}

/** Which support actions make sense for a user now. */
export function actionsFor(user: UserDetails): UserAction[] {
  if (user.status === 'deactivated') return ['reactivate'];
  const actions: UserAction[] = [];
  if (user.lockedUntil) actions.push('unlock');
  if (user.status === 'pending') actions.push('resend-invitation');
  if (user.status === 'active') actions.push('reset-password', 'reset-second-factor');
  actions.push('deactivate');
  return actions;
}
