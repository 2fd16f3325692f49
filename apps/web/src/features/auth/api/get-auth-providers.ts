import type { PublicAuthProvider } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

/** The enabled external providers, for the login page (public). */
export const getAuthProviders = () =>
  apiFetch<{ items: PublicAuthProvider[] }>('/api/v1/auth/providers').then((list) => list.items);

export const getAuthProvidersQueryOptions = () =>
  queryOptions({ queryKey: ['auth-providers', 'enabled'], queryFn: getAuthProviders, staleTime: 60_000 });

export const useAuthProviders = () => useQuery(getAuthProvidersQueryOptions());

/** Where the browser goes to log in through an OIDC provider; the server redirects onwards. */
export function oidcStartHref(providerId: string, returnTo: string) {
  return `/api/v1/auth/oidc/${encodeURIComponent(providerId)}/start?${new URLSearchParams({ returnTo }).toString()}`;
}
