import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { getVolumeClaimsQueryOptions } from './get-volume-claims';

export const createVolumeClaim = (clusterId: string, claim: KubePersistentVolumeClaim) =>
  apiFetch<KubePersistentVolumeClaim>(
    k8sPath(
      clusterId,
      `/api/v1/namespaces/${encodeURIComponent(claim.metadata.namespace ?? '')}/persistentvolumeclaims`,
    ),
    { method: 'POST', json: claim },
  );

export function useCreateVolumeClaim(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (claim: KubePersistentVolumeClaim) => createVolumeClaim(clusterId, claim),
    onSuccess: (_created, claim) =>
      queryClient.invalidateQueries({
        queryKey: getVolumeClaimsQueryOptions(clusterId, claim.metadata.namespace ?? '').queryKey,
      }),
  });
}
