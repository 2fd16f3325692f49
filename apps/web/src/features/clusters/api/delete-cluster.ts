import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getClusterQueryOptions } from './get-cluster';
import { getClustersQueryOptions } from './get-clusters';

export interface DeleteClusterResult {
  /** Whether Bokujo's ServiceAccount and bindings were removed from the cluster itself. */
  removedFromCluster: boolean;
  reason: string | null;
}

export const deleteCluster = (clusterId: string) =>
  apiFetch<DeleteClusterResult>(`/api/v1/clusters/${encodeURIComponent(clusterId)}`, { method: 'DELETE' });

export function useDeleteCluster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCluster,
    onSuccess: async (_result, clusterId) => {
      queryClient.removeQueries({ queryKey: getClusterQueryOptions(clusterId).queryKey });
      await queryClient.invalidateQueries({ queryKey: getClustersQueryOptions().queryKey });
    },
  });
}
