import type { Health } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiFetch } from '@/lib/api-client';

/** Readiness answers 503 with a body when the store is unusable; that is a state, not a failure. */
export async function getReadiness(): Promise<Health> {
  try {
    return await apiFetch<Health>('/api/v1/readyz');
  } catch (error) {
    if (error instanceof ApiError && error.status === 503) return { status: 'unavailable' };
    throw error;
  }
}

export const readinessQueryOptions = () =>
  queryOptions({ queryKey: ['server', 'readiness'], queryFn: getReadiness, refetchInterval: 30_000 });

export const useReadiness = () => useQuery(readinessQueryOptions());
