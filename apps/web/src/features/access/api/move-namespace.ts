import type { ProjectNamespace } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { invalidateProjects } from './invalidate-projects';

interface MoveNamespaceVariables {
  clusterId: string;
  namespace: string;
  /** null takes the namespace out of every project. */
  projectId: string | null;
}

export const moveNamespace = ({ clusterId, namespace, projectId }: MoveNamespaceVariables) =>
  apiFetch<ProjectNamespace>(
    `/api/v1/clusters/${encodeURIComponent(clusterId)}/namespaces/${encodeURIComponent(namespace)}/project`,
    { method: 'PUT', json: { projectId } },
  );

export function useMoveNamespace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveNamespace,
    onSuccess: (_namespace, { clusterId }) => invalidateProjects(queryClient, clusterId),
  });
}
