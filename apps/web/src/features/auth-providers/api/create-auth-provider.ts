import type { AuthProvider, CreateAuthProviderBody } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { authProvidersKey } from './get-auth-providers';

/** Adds a provider; it stays disabled until an Administrator tests it. */
export const createAuthProvider = (body: CreateAuthProviderBody) =>
  apiFetch<AuthProvider>('/api/v1/auth-providers', { method: 'POST', json: body });

export function useCreateAuthProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAuthProvider,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authProvidersKey }),
  });
}
