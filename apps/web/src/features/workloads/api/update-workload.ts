import type { DeployWorkloadBody, DeployWorkloadResult, WorkloadKind } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

interface UpdateVariables {
  namespace: string;
  kind: WorkloadKind;
  name: string;
  body: DeployWorkloadBody;
}

/** Replaces the workload (its resourceVersion guards against a concurrent change) with its new claims, all or nothing. */
export const updateWorkload = (clusterId: string, { namespace, kind, name, body }: UpdateVariables) =>
  apiFetch<DeployWorkloadResult>(
    `/api/v1/clusters/${encodeURIComponent(clusterId)}/namespaces/${encodeURIComponent(namespace)}/workloads/${kind}/${encodeURIComponent(name)}`,
    { method: 'PUT', json: body },
  );

export function useUpdateWorkload(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: UpdateVariables) => updateWorkload(clusterId, variables),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['k8s', clusterId] }),
  });
}
