import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeStorageClass } from '@/lib/k8s/types';
import { getStorageClassesQueryOptions } from './get-storage-classes';

export const createStorageClass = (clusterId: string, storageClass: KubeStorageClass) =>
  apiFetch<KubeStorageClass>(k8sPath(clusterId, '/apis/storage.k8s.io/v1/storageclasses'), {
    method: 'POST',
    json: storageClass,
  });

export function useCreateStorageClass(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (storageClass: KubeStorageClass) => createStorageClass(clusterId, storageClass),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getStorageClassesQueryOptions(clusterId).queryKey }),
  });
}
