import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { coreKey, workloadPollMs } from './workloads-key';

export const getVolumeClaims = async (clusterId: string, namespace: string) =>
  (
    await apiFetch<KubeList<KubePersistentVolumeClaim>>(
      k8sPath(clusterId, `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims`),
    )
  ).items;

export const getVolumeClaimsQueryOptions = (clusterId: string, namespace: string) =>
  queryOptions({
    queryKey: coreKey(clusterId, 'persistentvolumeclaims', namespace),
    queryFn: () => getVolumeClaims(clusterId, namespace),
    refetchInterval: workloadPollMs,
  });

export const useVolumeClaims = (clusterId: string, namespace: string, { enabled = true } = {}) =>
  useQuery({ ...getVolumeClaimsQueryOptions(clusterId, namespace), enabled });
