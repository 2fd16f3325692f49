import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath } from '@/lib/k8s/types';
import type { KubeObject } from '../utils/object-yaml';

export const getObject = (clusterId: string, apiPath: string) => apiFetch<KubeObject>(k8sPath(clusterId, apiPath));

export const getObjectQueryOptions = (clusterId: string, apiPath: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'object', apiPath],
    queryFn: () => getObject(clusterId, apiPath),
    // The editor's starting point must not move under the person's edits.
    refetchInterval: false,
    staleTime: Infinity,
  });

export const useObject = (clusterId: string, apiPath: string) => useQuery(getObjectQueryOptions(clusterId, apiPath));
