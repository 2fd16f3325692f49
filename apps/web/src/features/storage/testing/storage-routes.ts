import type { Route } from '@/testing/fake-server';
import type { AccessAttributes } from '@/lib/k8s/use-access-review';
import type { SelfSubjectAccessReview } from '@/lib/k8s/types';
import {
  activeCluster,
  persistentVolumeList,
  storageClassList,
  volumeClaimList,
  wordpressNamespaces,
  wordpressProject,
} from '@/testing/fixtures';
import { signedInRoutes } from '@/testing/signed-in';

export const cluster = activeCluster();
export const k8s = `/k8s/clusters/${cluster.id}`;
export const reviewRoute = `POST ${k8s}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`;

/** Answers SelfSubjectAccessReviews as RBAC would: allowed with a reason, denied with none. */
export function accessReviews(isAllowed: (attributes: AccessAttributes) => boolean): Route {
  return (request) => {
    const review = request.body as SelfSubjectAccessReview;
    const { verb, group = '', resource, namespace, name } = review.spec.resourceAttributes;
    const allowed = isAllowed({
      verb,
      group,
      resource,
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
    });
    return { status: 201, body: { ...review, status: allowed ? { allowed, reason: 'RBAC: allowed' } : { allowed } } };
  };
}

/** A Kubernetes Status as the passthrough hands it on. */
export const kubeStatus = (code: number, reason: string, message: string) => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code },
});

/** Everything the storage pages of prod-tokyo and its WordPress project read. */
export function storageRoutes({
  allow = () => true,
  now = Date.now(),
}: { allow?: (attributes: AccessAttributes) => boolean; now?: number } = {}): Record<string, Route> {
  const claims = volumeClaimList(now);
  return {
    ...signedInRoutes({ clusters: [cluster] }),
    [`GET /api/v1/clusters/${cluster.id}`]: { body: cluster },
    [`GET /api/v1/projects/${wordpressProject.id}`]: { body: wordpressProject },
    [`GET /api/v1/projects/${wordpressProject.id}/namespaces`]: { body: { items: wordpressNamespaces } },
    [`GET ${k8s}/apis/storage.k8s.io/v1/storageclasses`]: { body: storageClassList() },
    [`GET ${k8s}/api/v1/persistentvolumes`]: { body: persistentVolumeList() },
    [`GET ${k8s}/api/v1/namespaces/wordpress/persistentvolumeclaims`]: { body: claims },
    [`GET ${k8s}/api/v1/namespaces/wordpress-staging/persistentvolumeclaims`]: {
      body: { kind: 'PersistentVolumeClaimList', items: [] },
    },
    [reviewRoute]: accessReviews(allow),
  };
}
