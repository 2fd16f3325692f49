import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type KubePersistentVolume } from '@/lib/k8s/types';
import { storagePollMs } from './get-storage-classes';

export const getPersistentVolumes = async (clusterId: string) =>
  (await apiFetch<KubeList<KubePersistentVolume>>(k8sPath(clusterId, '/api/v1/persistentvolumes'))).items;

export const getPersistentVolumesQueryOptions = (clusterId: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'v1', 'persistentvolumes'],
    queryFn: () => getPersistentVolumes(clusterId),
    refetchInterval: storagePollMs,
  });

export const usePersistentVolumes = (clusterId: string, options: { enabled?: boolean } = {}) =>
  useQuery({ ...getPersistentVolumesQueryOptions(clusterId), ...options });
