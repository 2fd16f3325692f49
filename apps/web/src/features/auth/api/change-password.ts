import type { ChangePasswordBody } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getMeQueryOptions } from './get-me';

export const changePassword = (body: ChangePasswordBody) =>
  apiFetch<null>('/api/v1/me/password', { method: 'PUT', json: body });

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // A wrong current password is a 400, so any 401 here really is an expired session.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getMeQueryOptions().queryKey }),
  });
}
