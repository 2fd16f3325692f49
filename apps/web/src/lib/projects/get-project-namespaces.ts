import type { ProjectNamespace } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { projectsKey } from './projects-key';

export const getProjectNamespaces = async (projectId: string) =>
  (await apiFetch<{ items: ProjectNamespace[] }>(`/api/v1/projects/${encodeURIComponent(projectId)}/namespaces`)).items;

export const getProjectNamespacesQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: [...projectsKey, 'namespaces', projectId], queryFn: () => getProjectNamespaces(projectId) });

/** `refetchInterval` for a view that keeps following the list while namespaces are moved elsewhere. */
export const useProjectNamespaces = (projectId: string, options: { refetchInterval?: number } = {}) =>
  useQuery({ ...getProjectNamespacesQueryOptions(projectId), ...options });
