import { workloadObjectPath } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath } from '@/lib/k8s/types';
import type { WorkloadAddress } from './get-workload';
import { coreKey, workloadsKey } from './workloads-key';

export interface DeleteWorkloadInput extends WorkloadAddress {
  /** Generated Services that go with it. */
  services: string[];
  /** Claims to delete as well; empty keeps them and their data. */
  claims: string[];
}

const corePath = (namespace: string, plural: string, name: string) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/${plural}/${encodeURIComponent(name)}`;

/**
 * Deletes the workload, then what Bokujo made for it. Background propagation removes its pods too:
 * batch/v1 would otherwise orphan a Job's pods.
 */
export async function deleteWorkload(clusterId: string, input: DeleteWorkloadInput) {
  await apiFetch<unknown>(k8sPath(clusterId, workloadObjectPath(input.kind, input.namespace, input.name)), {
    method: 'DELETE',
    json: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' },
  });
  const remove = (plural: string, name: string) =>
    apiFetch<unknown>(k8sPath(clusterId, corePath(input.namespace, plural, name)), { method: 'DELETE' });
  // Each is tried even if another fails, so one refusal leaves as little behind as possible.
  const results = await Promise.allSettled([
    ...input.services.map((name) => remove('services', name)),
    ...input.claims.map((name) => remove('persistentvolumeclaims', name)),
  ]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

export function useDeleteWorkload(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeleteWorkloadInput) => deleteWorkload(clusterId, input),
    onSettled: (_result, _error, { kind, namespace }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workloadsKey(clusterId, kind, namespace) }),
        queryClient.invalidateQueries({ queryKey: coreKey(clusterId, 'services', namespace) }),
        queryClient.invalidateQueries({ queryKey: coreKey(clusterId, 'persistentvolumeclaims', namespace) }),
      ]),
  });
}
