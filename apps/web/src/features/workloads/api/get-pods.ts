import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type KubePod } from '@/lib/k8s/types';
import { coreKey, workloadPollMs } from './workloads-key';

export const getPods = async (clusterId: string, namespace: string) =>
  (await apiFetch<KubeList<KubePod>>(k8sPath(clusterId, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`)))
    .items;

export const getPodsQueryOptions = (clusterId: string, namespace: string) =>
  queryOptions({
    queryKey: coreKey(clusterId, 'pods', namespace),
    queryFn: () => getPods(clusterId, namespace),
    refetchInterval: workloadPollMs,
  });

export const usePods = (clusterId: string, namespace: string) => useQuery(getPodsQueryOptions(clusterId, namespace));

/** The pods of several namespaces together; a namespace whose pods cannot be read adds none. */
export const usePodsOf = (clusterId: string, namespaces: string[]) =>
  useQueries({
    queries: namespaces.map((namespace) => getPodsQueryOptions(clusterId, namespace)),
    combine: (results) => results.flatMap((result) => result.data ?? []),
  });
