import type { TestAuthProviderBody, TestAuthProviderResponse } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { authProvidersKey } from './get-auth-providers';

/**
 * "Test and enable", the only way to switch a provider on. OIDC answers with the address to send
 * the browser to (the test completes at the callback, which comes back to this page); LDAP takes
 * the Administrator's own directory account and answers with the provider, now enabled.
 */
export const testAuthProvider = ({ providerId, body }: { providerId: string; body: TestAuthProviderBody }) =>
  apiFetch<TestAuthProviderResponse>(`/api/v1/auth-providers/${encodeURIComponent(providerId)}/test`, {
    method: 'POST',
    json: body,
  });

export function useTestAuthProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testAuthProvider,
    // A wrong directory password is a 400 here, so a 401 really is an expired session.
    onSuccess: ({ provider }) => {
      if (provider) return queryClient.invalidateQueries({ queryKey: authProvidersKey });
      return undefined;
    },
  });
}
