import type { ProjectNamespace } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { invalidateProjects } from './invalidate-projects';

interface CreateNamespaceVariables {
  clusterId: string;
  projectId: string;
  name: string;
}

export const createNamespace = ({ projectId, name }: CreateNamespaceVariables) =>
  apiFetch<ProjectNamespace>(`/api/v1/projects/${encodeURIComponent(projectId)}/namespaces`, {
    method: 'POST',
    json: { name },
  });

export function useCreateNamespace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createNamespace,
    onSuccess: (_namespace, { clusterId }) => invalidateProjects(queryClient, clusterId),
  });
}
