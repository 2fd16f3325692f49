import type { Me } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { sessionQueryKey } from '@/lib/query-client';

export const getMe = () => apiFetch<Me>('/api/v1/me');

/** Who is signed in; a 401 here means nobody (or the session expired). */
export const getMeQueryOptions = () =>
  queryOptions({ queryKey: [...sessionQueryKey, 'me'], queryFn: getMe, staleTime: 60_000 });

export const useMe = () => useQuery(getMeQueryOptions());
