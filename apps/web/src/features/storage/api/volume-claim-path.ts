import { k8sPath } from '@/lib/k8s/types';

export interface ClaimRef {
  namespace: string;
  name: string;
}

/** One claim's address in the passthrough. */
export const volumeClaimPath = (clusterId: string, { namespace, name }: ClaimRef) =>
  k8sPath(
    clusterId,
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims/${encodeURIComponent(name)}`,
  );
