import type { Cluster } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const getClusters = async () => (await apiFetch<{ items: Cluster[] }>('/api/v1/clusters')).items;

/** Polled so that state changes (Pending → Active, Unavailable) show up without a reload. */
export const getClustersQueryOptions = () =>
  queryOptions({ queryKey: ['clusters', 'list'], queryFn: getClusters, refetchInterval: 10_000 });

export const useClusters = () => useQuery(getClustersQueryOptions());
