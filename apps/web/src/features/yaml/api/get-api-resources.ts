import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath } from '@/lib/k8s/types';
import { groupVersionPath } from '../utils/api-path';

/** meta/v1 APIResourceList: the kinds one group version serves, from API discovery. */
interface ApiResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

export interface ApiResource {
  /** Plural, as in the path. */
  name: string;
  namespaced: boolean;
}

export const getApiResources = (clusterId: string, apiVersion: string) =>
  apiFetch<ApiResourceList>(k8sPath(clusterId, groupVersionPath(apiVersion)));

/** What kubectl does too: learn from discovery which path and scope a kind has. */
export const getApiResourcesQueryOptions = (clusterId: string, apiVersion: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'discovery', apiVersion],
    queryFn: () => getApiResources(clusterId, apiVersion),
    staleTime: 5 * 60_000,
  });

/** The resource serving `kind` (not its subresources such as `deployments/scale`). */
export function findResource(list: ApiResourceList, kind: string): ApiResource | undefined {
  const found = list.resources.find((resource) => resource.kind === kind && !resource.name.includes('/'));
  return found ? { name: found.name, namespaced: found.namespaced } : undefined;
}
