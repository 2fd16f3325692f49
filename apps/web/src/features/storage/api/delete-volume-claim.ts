import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getVolumeClaimsQueryOptions } from './get-volume-claims';
import { type ClaimRef, volumeClaimPath } from './volume-claim-path';

export const deleteVolumeClaim = (clusterId: string, claim: ClaimRef) =>
  apiFetch<unknown>(volumeClaimPath(clusterId, claim), { method: 'DELETE' });

export function useDeleteVolumeClaim(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (claim: ClaimRef) => deleteVolumeClaim(clusterId, claim),
    onSuccess: (_result, claim) =>
      queryClient.invalidateQueries({ queryKey: getVolumeClaimsQueryOptions(clusterId, claim.namespace).queryKey }),
  });
}
