import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { invalidateProjects } from './invalidate-projects';

export interface DeleteProjectResult {
  /** The namespaces the project held; they left it, or were deleted with `deleteNamespaces`. */
  namespaces: string[];
  namespacesDeleted: boolean;
}

interface DeleteProjectVariables {
  clusterId: string;
  projectId: string;
  deleteNamespaces: boolean;
}

export const deleteProject = ({ projectId, deleteNamespaces }: DeleteProjectVariables) =>
  apiFetch<DeleteProjectResult>(
    `/api/v1/projects/${encodeURIComponent(projectId)}${deleteNamespaces ? '?deleteNamespaces=true' : ''}`,
    { method: 'DELETE' },
  );

export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProject,
    onSuccess: (_result, { clusterId }) => invalidateProjects(queryClient, clusterId),
  });
}
