import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type KubeNode } from '@/lib/k8s/types';

/** Straight from the cluster through the passthrough, so Kubernetes RBAC decides what I see. */
export const getClusterNodes = (clusterId: string) => apiFetch<KubeList<KubeNode>>(k8sPath(clusterId, '/api/v1/nodes'));

export const getClusterNodesQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'v1', 'nodes'],
    queryFn: () => getClusterNodes(clusterId),
    refetchInterval: 15_000,
  });

export const useClusterNodes = (clusterId: string) => useQuery(getClusterNodesQueryOptions(clusterId));
