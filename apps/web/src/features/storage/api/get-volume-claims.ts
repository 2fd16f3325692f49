import { queryOptions, useQueries } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { storagePollMs } from './get-storage-classes';

export const getVolumeClaims = async (clusterId: string, namespace: string) =>
  (
    await apiFetch<KubeList<KubePersistentVolumeClaim>>(
      k8sPath(clusterId, `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims`),
    )
  ).items;

export const getVolumeClaimsQueryOptions = (clusterId: string, namespace: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'v1', 'persistentvolumeclaims', namespace],
    queryFn: () => getVolumeClaims(clusterId, namespace),
    refetchInterval: storagePollMs,
  });

export interface VolumeClaimsOfNamespaces {
  claims: KubePersistentVolumeClaim[];
  isPending: boolean;
  /** Namespaces whose claims could not be read, with why; the others are still shown. */
  failures: { namespace: string; message: string }[];
}

/**
 * The claims of each namespace, asked one namespace at a time: a project member may list claims
 * in the project's namespaces but not across the cluster.
 */
export function useVolumeClaimsOf(clusterId: string, namespaces: string[]): VolumeClaimsOfNamespaces {
  return useQueries({
    queries: namespaces.map((namespace) => getVolumeClaimsQueryOptions(clusterId, namespace)),
    combine: (results) => ({
      claims: results.flatMap((result) => result.data ?? []),
      isPending: results.some((result) => result.isPending),
      failures: results.flatMap((result, index) =>
        result.isError ? [{ namespace: namespaces[index] ?? '', message: result.error.message }] : [],
      ),
    }),
  });
}
