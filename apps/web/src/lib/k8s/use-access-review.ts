import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type SelfSubjectAccessReview } from './types';

/** What the person wants to do, in Kubernetes' terms (an empty group is the core API group). */
export interface AccessAttributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export interface Access {
  /** False while the answer is on its way, so that an action is never offered before it is known. */
  allowed: boolean;
  /** Kubernetes' own words when it gave any (RBAC says nothing on a plain denial). */
  reason: string | undefined;
  isPending: boolean;
}

/**
 * Asks Kubernetes, through the passthrough, whether the signed-in person may do this. The BFF
 * impersonates them, so the SelfSubjectAccessReview answers for them and not for Bokujo.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access
 */
export async function reviewAccess(clusterId: string, attributes: AccessAttributes) {
  const review: SelfSubjectAccessReview = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: attributes.verb,
        group: attributes.group,
        resource: attributes.resource,
        ...(attributes.namespace ? { namespace: attributes.namespace } : {}),
        ...(attributes.name ? { name: attributes.name } : {}),
      },
    },
  };
  const answer = await apiFetch<SelfSubjectAccessReview>(
    k8sPath(clusterId, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'),
    { method: 'POST', json: review },
  );
  return {
    allowed: answer.status?.allowed === true,
    reason: answer.status?.reason || answer.status?.evaluationError || undefined,
  };
}

export const accessReviewQueryOptions = (clusterId: string, attributes: AccessAttributes) =>
  queryOptions({
    queryKey: [
      'k8s',
      clusterId,
      'access-review',
      {
        verb: attributes.verb,
        group: attributes.group,
        resource: attributes.resource,
        namespace: attributes.namespace ?? '',
        name: attributes.name ?? '',
      },
    ],
    queryFn: () => reviewAccess(clusterId, attributes),
    // Rights change rarely; a minute keeps a page with many rows from asking again and again.
    staleTime: 60_000,
  });

function toAccess(query: {
  data?: { allowed: boolean; reason: string | undefined };
  isPending: boolean;
  isError: boolean;
}): Access {
  // If the question itself fails, the action stays offered: the server refuses it anyway, and a
  // broken review must not lock people out of what they may do.
  if (query.isError) return { allowed: true, reason: undefined, isPending: false };
  return { allowed: query.data?.allowed ?? false, reason: query.data?.reason, isPending: query.isPending };
}

/** May the signed-in person do this in the cluster? Cached per question by react-query. */
export function useCan(clusterId: string, attributes: AccessAttributes): Access {
  return toAccess(useQuery(accessReviewQueryOptions(clusterId, attributes)));
}

/** The same question for several scopes at once, e.g. each namespace of a project. */
export function useCanEach(clusterId: string, attributesList: AccessAttributes[]): Access[] {
  return useQueries({
    queries: attributesList.map((attributes) => accessReviewQueryOptions(clusterId, attributes)),
  }).map(toAccess);
}
