import { workloadKinds, type WorkloadKind } from '@bokujo/shared';

/** Live lists poll this often until a later change brings watches over a websocket. */
export const workloadPollMs = 3_000;

/**
 * `['k8s', clusterId, 'apps/v1', 'deployments', namespace, name?]`, the repository's one key shape
 * for Kubernetes objects: invalidating a namespace's list also refreshes each object in it.
 */
export const workloadsKey = (clusterId: string, kind: WorkloadKind, namespace: string, name?: string) => {
  const { apiVersion, plural } = workloadKinds[kind];
  return ['k8s', clusterId, apiVersion, plural, namespace, ...(name === undefined ? [] : [name])] as const;
};

/** A core/v1 collection in a namespace, e.g. pods or events. */
export const coreKey = (clusterId: string, plural: string, namespace: string, ...rest: unknown[]) =>
  ['k8s', clusterId, 'v1', plural, namespace, ...rest] as const;
