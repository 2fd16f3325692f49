import type { UpdateUserBody, User } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getUsersQueryOptions } from './get-users';

/** Display name, enabled (disabling ends their sessions and tokens) or global roles. */
export const updateUser = ({ userId, body }: { userId: string; body: UpdateUserBody }) =>
  apiFetch<User>(`/api/v1/users/${encodeURIComponent(userId)}`, { method: 'PATCH', json: body });

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey }),
  });
}
