import type { CreateProjectBody, Project } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { invalidateProjects } from './invalidate-projects';

export const createProject = ({ clusterId, body }: { clusterId: string; body: CreateProjectBody }) =>
  apiFetch<Project>(`/api/v1/clusters/${encodeURIComponent(clusterId)}/projects`, { method: 'POST', json: body });

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: (_project, { clusterId }) => invalidateProjects(queryClient, clusterId),
  });
}
