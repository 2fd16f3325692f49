import type { Cluster } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const getCluster = (clusterId: string) => apiFetch<Cluster>(`/api/v1/clusters/${encodeURIComponent(clusterId)}`);

export const getClusterQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: ['clusters', 'detail', clusterId],
    queryFn: () => getCluster(clusterId),
    refetchInterval: 10_000,
  });

export const useCluster = (clusterId: string) => useQuery(getClusterQueryOptions(clusterId));
