import type { DeployWorkloadBody, DeployWorkloadResult } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

interface DeployVariables {
  namespace: string;
  body: DeployWorkloadBody;
}

/** The server creates the claims, the workload and its Services as one unit (or nothing). */
export const deployWorkload = (clusterId: string, { namespace, body }: DeployVariables) =>
  apiFetch<DeployWorkloadResult>(
    `/api/v1/clusters/${encodeURIComponent(clusterId)}/namespaces/${encodeURIComponent(namespace)}/workloads`,
    { method: 'POST', json: body },
  );

export function useDeployWorkload(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: DeployVariables) => deployWorkload(clusterId, variables),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['k8s', clusterId] }),
  });
}
