import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeEvent, type KubeList } from '@/lib/k8s/types';
import { coreKey } from './workloads-key';

export const getEvents = async (clusterId: string, namespace: string) =>
  (
    await apiFetch<KubeList<KubeEvent>>(
      k8sPath(clusterId, `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`),
    )
  ).items;

export const getEventsQueryOptions = (clusterId: string, namespace: string) =>
  queryOptions({
    queryKey: coreKey(clusterId, 'events', namespace),
    queryFn: () => getEvents(clusterId, namespace),
    // Events explain; they need not be as fresh as the counts beside them.
    refetchInterval: 10_000,
  });

export const useEvents = (clusterId: string, namespace: string) =>
  useQuery(getEventsQueryOptions(clusterId, namespace));
