import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type KubeStorageClass } from '@/lib/k8s/types';

/** How often storage lists are asked again; a later issue replaces polling with watches. */
export const storagePollMs = 5_000;

export const getStorageClasses = async (clusterId: string) =>
  (await apiFetch<KubeList<KubeStorageClass>>(k8sPath(clusterId, '/apis/storage.k8s.io/v1/storageclasses'))).items;

export const getStorageClassesQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'storage.k8s.io/v1', 'storageclasses'],
    queryFn: () => getStorageClasses(clusterId),
    refetchInterval: storagePollMs,
  });

export const useStorageClasses = (clusterId: string) => useQuery(getStorageClassesQueryOptions(clusterId));
