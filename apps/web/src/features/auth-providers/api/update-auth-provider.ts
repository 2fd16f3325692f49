import type { AuthProvider, UpdateAuthProviderBody } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { authProvidersKey } from './get-auth-providers';

/**
 * Changes a provider. `enabled: false` disables it and ends its people's sessions and tokens at
 * once; new connection settings ask for a new test before the next enabling.
 */
export const updateAuthProvider = ({ providerId, body }: { providerId: string; body: UpdateAuthProviderBody }) =>
  apiFetch<AuthProvider>(`/api/v1/auth-providers/${encodeURIComponent(providerId)}`, { method: 'PATCH', json: body });

export function useUpdateAuthProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAuthProvider,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authProvidersKey }),
  });
}
