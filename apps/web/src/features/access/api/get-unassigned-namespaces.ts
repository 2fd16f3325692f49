import { projectLabel, type ProjectNamespace } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type ObjectMeta } from '@/lib/k8s/types';
import { unassignedNamespacesKey } from './projects-key';

interface KubeNamespace {
  metadata: ObjectMeta;
  status?: { phase?: string };
}

/**
 * Namespaces outside every project, read from the cluster as the person, so Kubernetes decides:
 * Bokujo's API lists namespaces per project only. A project member gets 403 and sees none.
 */
export const getUnassignedNamespaces = async (clusterId: string): Promise<ProjectNamespace[]> => {
  const selector = encodeURIComponent(`!${projectLabel}`);
  const list = await apiFetch<KubeList<KubeNamespace>>(
    k8sPath(clusterId, `/api/v1/namespaces?labelSelector=${selector}`),
  );
  return list.items.map((namespace) => ({
    name: namespace.metadata.name ?? '',
    projectId: null,
    phase: namespace.status?.phase ?? 'Active',
    createdAt: namespace.metadata.creationTimestamp ?? null,
  }));
};

export const getUnassignedNamespacesQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: [...unassignedNamespacesKey(clusterId), { unassigned: true }],
    queryFn: () => getUnassignedNamespaces(clusterId),
  });

export const useUnassignedNamespaces = (clusterId: string, { enabled }: { enabled: boolean }) =>
  useQuery({ ...getUnassignedNamespacesQueryOptions(clusterId), enabled });
