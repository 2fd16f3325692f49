import type { AuthProvider } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

/** Every configured provider, secrets left out (the server says only whether one is set). */
export const getAuthProviders = async () => (await apiFetch<{ items: AuthProvider[] }>('/api/v1/auth-providers')).items;

/**
 * Under the same first key as the login page's list of enabled providers, so invalidating after
 * a change refreshes both.
 */
export const authProvidersKey = ['auth-providers'] as const;

export const getAuthProvidersQueryOptions = () =>
  queryOptions({ queryKey: [...authProvidersKey, 'all'], queryFn: getAuthProviders });

/** Needs `settings:manage`; others get 403. */
export const useAuthProviders = () => useQuery(getAuthProvidersQueryOptions());
