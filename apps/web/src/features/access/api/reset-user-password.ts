import type { ResetPasswordBody } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getUsersQueryOptions } from './get-users';

/** Sets a new password for someone else; their sessions end. */
export const resetUserPassword = ({ userId, body }: { userId: string; body: ResetPasswordBody }) =>
  apiFetch<null>(`/api/v1/users/${encodeURIComponent(userId)}/password`, { method: 'PUT', json: body });

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserPassword,
    // The list shows whether the person must change their password at next login.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey }),
  });
}
