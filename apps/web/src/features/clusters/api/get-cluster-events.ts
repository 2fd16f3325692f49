import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeEvent, type KubeList } from '@/lib/k8s/types';

const eventLimit = 20;

export const getClusterEvents = (clusterId: string) =>
  apiFetch<KubeList<KubeEvent>>(k8sPath(clusterId, `/api/v1/events?limit=${eventLimit}`));

export const getClusterEventsQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'v1', 'events', { limit: eventLimit }],
    queryFn: () => getClusterEvents(clusterId),
    refetchInterval: 15_000,
  });

export const useClusterEvents = (clusterId: string) => useQuery(getClusterEventsQueryOptions(clusterId));
