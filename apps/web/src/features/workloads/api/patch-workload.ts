import { workloadObjectPath } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeWorkload } from '@/lib/k8s/types';
import type { MergePatch } from '../utils/workload-patches';
import type { WorkloadAddress } from './get-workload';
import { workloadsKey } from './workloads-key';

export interface PatchWorkloadInput extends WorkloadAddress {
  patch: MergePatch;
}

/** A JSON merge patch: only the fields named change, whatever else was edited meanwhile. */
export const patchWorkload = (clusterId: string, { kind, namespace, name, patch }: PatchWorkloadInput) =>
  apiFetch<KubeWorkload>(k8sPath(clusterId, workloadObjectPath(kind, namespace, name)), {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json' },
    json: patch,
  });

export function usePatchWorkload(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PatchWorkloadInput) => patchWorkload(clusterId, input),
    onSuccess: (_result, { kind, namespace }) =>
      queryClient.invalidateQueries({ queryKey: workloadsKey(clusterId, kind, namespace) }),
  });
}
