import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeControllerRevision, type KubeList, type KubeReplicaSet } from '@/lib/k8s/types';
import { workloadPollMs } from './workloads-key';

const appsPath = (namespace: string, plural: string) =>
  `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/${plural}`;

export const getReplicaSets = async (clusterId: string, namespace: string) =>
  (await apiFetch<KubeList<KubeReplicaSet>>(k8sPath(clusterId, appsPath(namespace, 'replicasets')))).items;

export const getControllerRevisions = async (clusterId: string, namespace: string) =>
  (await apiFetch<KubeList<KubeControllerRevision>>(k8sPath(clusterId, appsPath(namespace, 'controllerrevisions'))))
    .items;

export const getReplicaSetsQueryOptions = (clusterId: string, namespace: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'apps/v1', 'replicasets', namespace],
    queryFn: () => getReplicaSets(clusterId, namespace),
    refetchInterval: workloadPollMs,
  });

export const getControllerRevisionsQueryOptions = (clusterId: string, namespace: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'apps/v1', 'controllerrevisions', namespace],
    queryFn: () => getControllerRevisions(clusterId, namespace),
    refetchInterval: workloadPollMs,
  });

/** Only the history the kind keeps is asked for; the other query stays idle. */
export function useRevisions(
  clusterId: string,
  namespace: string,
  history: 'ReplicaSet' | 'ControllerRevision' | null,
) {
  const replicaSets = useQuery({
    ...getReplicaSetsQueryOptions(clusterId, namespace),
    enabled: history === 'ReplicaSet',
  });
  const controllerRevisions = useQuery({
    ...getControllerRevisionsQueryOptions(clusterId, namespace),
    enabled: history === 'ControllerRevision',
  });
  return { replicaSets, controllerRevisions };
}
