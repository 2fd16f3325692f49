import type { Cluster, ImportClusterBody } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getClusterQueryOptions } from './get-cluster';
import { getClustersQueryOptions } from './get-clusters';

export const importCluster = (body: ImportClusterBody) =>
  apiFetch<Cluster>('/api/v1/clusters/import', { method: 'POST', json: body });

export function useImportCluster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importCluster,
    onSuccess: async (cluster) => {
      queryClient.setQueryData(getClusterQueryOptions(cluster.id).queryKey, cluster);
      await queryClient.invalidateQueries({ queryKey: getClustersQueryOptions().queryKey });
    },
  });
}
