import type { Project } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const getProject = (projectId: string) => apiFetch<Project>(`/api/v1/projects/${encodeURIComponent(projectId)}`);

export const getProjectQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: ['projects', 'detail', projectId], queryFn: () => getProject(projectId) });

export const useProject = (projectId: string) => useQuery(getProjectQueryOptions(projectId));
