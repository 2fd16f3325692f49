import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeEvent, type KubeList } from '@/lib/k8s/types';

/** Events about this pod only: the field selector narrows the namespace's events server-side. */
export const getPodEvents = (clusterId: string, namespace: string, name: string) => {
  const query = new URLSearchParams({ fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` });
  return apiFetch<KubeList<KubeEvent>>(
    k8sPath(clusterId, `/api/v1/namespaces/${encodeURIComponent(namespace)}/events?${query}`),
  );
};

export const getPodEventsQueryOptions = (clusterId: string, namespace: string, name: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'v1', 'events', namespace, { pod: name }],
    queryFn: () => getPodEvents(clusterId, namespace, name),
    refetchInterval: 15_000,
  });

export const usePodEvents = (clusterId: string, namespace: string, name: string) =>
  useQuery(getPodEventsQueryOptions(clusterId, namespace, name));
