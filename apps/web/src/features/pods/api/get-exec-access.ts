import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type SelfSubjectAccessReview } from '@/lib/k8s/types';

/**
 * May the person open a shell in this pod (`create` on `pods/exec`)? Asked before connecting
 * because a browser hides why a websocket handshake was refused: a 403 and a network failure
 * look the same to the page.
 */
export async function getExecAccess(clusterId: string, namespace: string, pod: string) {
  const review: SelfSubjectAccessReview = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb: 'create', resource: 'pods', subresource: 'exec', namespace, name: pod } },
  };
  const answer = await apiFetch<SelfSubjectAccessReview>(
    k8sPath(clusterId, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'),
    { method: 'POST', json: review },
  );
  return { allowed: answer.status?.allowed === true, reason: answer.status?.reason || undefined };
}

export const getExecAccessQueryOptions = (clusterId: string, namespace: string, pod: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'access-review', { verb: 'create', resource: 'pods/exec', namespace, name: pod }],
    queryFn: () => getExecAccess(clusterId, namespace, pod),
    staleTime: 60_000,
  });

export const useExecAccess = (clusterId: string, namespace: string, pod: string) =>
  useQuery(getExecAccessQueryOptions(clusterId, namespace, pod));
