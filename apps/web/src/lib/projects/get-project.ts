import type { Project } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { projectsKey } from './projects-key';

export const getProject = (projectId: string) => apiFetch<Project>(`/api/v1/projects/${encodeURIComponent(projectId)}`);

export const getProjectQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: [...projectsKey, 'detail', projectId], queryFn: () => getProject(projectId) });

export const useProject = (projectId: string) => useQuery(getProjectQueryOptions(projectId));
