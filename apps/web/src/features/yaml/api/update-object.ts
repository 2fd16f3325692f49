import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath } from '@/lib/k8s/types';
import type { KubeObject } from '../utils/object-yaml';
import { getObjectQueryOptions } from './get-object';

/** Who changed the fields, as Kubernetes records it in managedFields. */
export const fieldManager = 'bokujo';

/**
 * Replaces the object (PUT). With `dryRun` the apiserver runs admission and validation and answers
 * with what it would store, without storing it. The object's resourceVersion makes a change
 * since it was read a 409 Conflict instead of a silent overwrite.
 */
export const updateObject = (clusterId: string, apiPath: string, object: KubeObject, dryRun: boolean) => {
  const query = new URLSearchParams({ fieldManager });
  if (dryRun) query.set('dryRun', 'All');
  return apiFetch<KubeObject>(k8sPath(clusterId, `${apiPath}?${query}`), { method: 'PUT', json: object });
};

export const useDryRunUpdate = (clusterId: string, apiPath: string) =>
  useMutation({ mutationFn: (object: KubeObject) => updateObject(clusterId, apiPath, object, true) });

export function useUpdateObject(clusterId: string, apiPath: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (object: KubeObject) => updateObject(clusterId, apiPath, object, false),
    onSuccess: (stored) => queryClient.setQueryData(getObjectQueryOptions(clusterId, apiPath).queryKey, stored),
  });
}
