import { projectLabel, type ResourceList } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

const pageSize = 500;
/** Enough for any real cluster; past it a pod simply shows without a link to its page. */
const maxPages = 10;

/**
 * Which project each namespace belongs to, from the server's cached namespace list: the pod page
 * lives under its project, and a pod row knows only its namespace.
 */
export async function getNamespaceProjects(clusterId: string) {
  const projects = new Map<string, string>();
  for (let page = 0; page < maxPages; page += 1) {
    const query = new URLSearchParams({ offset: String(page * pageSize), limit: String(pageSize) });
    const list = await apiFetch<ResourceList>(
      `/api/v1/clusters/${encodeURIComponent(clusterId)}/resources/namespaces?${query}`,
    );
    for (const row of list.items) {
      const projectId = row.labels[projectLabel];
      if (projectId) projects.set(row.name, projectId);
    }
    if ((page + 1) * pageSize >= list.total) break;
  }
  return projects;
}

export const getNamespaceProjectsQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: ['resources', clusterId, 'namespaces', 'projects'],
    queryFn: () => getNamespaceProjects(clusterId),
    staleTime: 60_000,
  });

/** Fails quietly for people who may not list namespaces: links then need a chosen project. */
export const useNamespaceProjects = (clusterId: string, enabled: boolean) =>
  useQuery({ ...getNamespaceProjectsQueryOptions(clusterId), enabled });
