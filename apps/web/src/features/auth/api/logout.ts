import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const logout = () => apiFetch<null>('/api/v1/auth/logout', { method: 'POST' });

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    meta: { unauthenticatedIsExpected: true },
    // Signed out either way: a session that already expired is as good as ended.
    onSettled: () => queryClient.clear(),
  });
}
