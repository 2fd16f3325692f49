import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { authProvidersKey } from './get-auth-providers';

/** Removes a provider; its sessions and API tokens are revoked. */
export const deleteAuthProvider = (providerId: string) =>
  apiFetch<null>(`/api/v1/auth-providers/${encodeURIComponent(providerId)}`, { method: 'DELETE' });

export function useDeleteAuthProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAuthProvider,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authProvidersKey }),
  });
}
