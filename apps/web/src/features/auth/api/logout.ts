import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

/** The provider's logout address for a session that came through OIDC; null for the others. */
export interface EndSessionResult {
  redirectUrl: string | null;
}

export const logout = () => apiFetch<EndSessionResult>('/api/v1/auth/end-session', { method: 'POST' });

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    meta: { unauthenticatedIsExpected: true },
    // Signed out either way: a session that already expired is as good as ended.
    onSettled: () => queryClient.clear(),
  });
}

/**
 * Whether the browser may be sent to the address the server answered: only a web address, never
 * a `javascript:` or `data:` one, whatever an identity provider's discovery document says.
 */
export function providerLogoutUrl(result: EndSessionResult | undefined): string | undefined {
  if (!result?.redirectUrl) return undefined;
  try {
    const url = new URL(result.redirectUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
