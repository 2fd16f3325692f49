import type { DefaultStorageClassResult, SetDefaultStorageClassBody } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getStorageClassesQueryOptions } from './get-storage-classes';

interface SetDefaultInput {
  name: string;
  default: boolean;
}

/**
 * Bokujo's own endpoint rather than a patch through the passthrough: it clears every other
 * default (GA and beta annotations) in the same step, and puts them back if marking fails.
 */
export const setDefaultStorageClass = (clusterId: string, input: SetDefaultInput) =>
  apiFetch<DefaultStorageClassResult>(
    `/api/v1/clusters/${encodeURIComponent(clusterId)}/storage-classes/${encodeURIComponent(input.name)}/default`,
    { method: 'PUT', json: { default: input.default } satisfies SetDefaultStorageClassBody },
  );

export function useSetDefaultStorageClass(clusterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetDefaultInput) => setDefaultStorageClass(clusterId, input),
    // A 409 means the classes changed meanwhile: the list is refreshed either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: getStorageClassesQueryOptions(clusterId).queryKey }),
  });
}
