import type { Project } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { projectsKey } from '@/lib/projects/projects-key';

export const getProjects = async (clusterId: string) =>
  (await apiFetch<{ items: Project[] }>(`/api/v1/clusters/${encodeURIComponent(clusterId)}/projects`)).items;

/** Only the projects the person may see: the server filters by their memberships. */
export const getProjectsQueryOptions = (clusterId: string) =>
  queryOptions({ queryKey: [...projectsKey, 'list', clusterId], queryFn: () => getProjects(clusterId) });

export const useProjects = (clusterId: string | undefined) =>
  useQuery({ ...getProjectsQueryOptions(clusterId ?? ''), enabled: clusterId !== undefined });
