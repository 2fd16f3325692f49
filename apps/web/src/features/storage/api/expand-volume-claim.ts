import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { getVolumeClaimsQueryOptions } from './get-volume-claims';
import { type ClaimRef, volumeClaimPath } from './volume-claim-path';

interface ExpandInput extends ClaimRef {
  /** The new request, e.g. "20Gi"; Kubernetes only lets it grow. */
  storage: string;
}

export const expandVolumeClaim = (clusterId: string, { storage, ...claim }: ExpandInput) =>
  apiFetch<KubePersistentVolumeClaim>(volumeClaimPath(clusterId, claim), {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json' },
    json: { spec: { resources: { requests: { storage } } } },
  });

export function useExpandVolumeClaim(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ExpandInput) => expandVolumeClaim(clusterId, input),
    onSuccess: (_result, input) =>
      queryClient.invalidateQueries({ queryKey: getVolumeClaimsQueryOptions(clusterId, input.namespace).queryKey }),
  });
}
