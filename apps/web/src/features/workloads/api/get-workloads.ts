import { workloadCollectionPath, workloadKinds, type WorkloadKind } from '@bokujo/shared';
import { queryOptions, useQueries } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type KubeWorkload } from '@/lib/k8s/types';
import type { WorkloadRef } from '../utils/workload-relations';
import { workloadPollMs, workloadsKey } from './workloads-key';

export const getWorkloads = async (clusterId: string, kind: WorkloadKind, namespace: string) =>
  (await apiFetch<KubeList<KubeWorkload>>(k8sPath(clusterId, workloadCollectionPath(kind, namespace)))).items;

export const getWorkloadsQueryOptions = (clusterId: string, kind: WorkloadKind, namespace: string) =>
  queryOptions({
    queryKey: workloadsKey(clusterId, kind, namespace),
    queryFn: () => getWorkloads(clusterId, kind, namespace),
    refetchInterval: workloadPollMs,
  });

const kinds = Object.keys(workloadKinds) as WorkloadKind[];

export interface WorkloadsOfNamespaces {
  workloads: WorkloadRef[];
  isPending: boolean;
  /** The kinds of namespaces that could not be read, with why; everything else is still shown. */
  failures: { namespace: string; kind: WorkloadKind; message: string }[];
}

/**
 * Every workload of these namespaces, each kind asked one namespace at a time: a project member
 * may list in the project's namespaces but not across the cluster.
 */
export function useWorkloadsOf(clusterId: string, namespaces: string[]): WorkloadsOfNamespaces {
  const pairs = namespaces.flatMap((namespace) => kinds.map((kind) => ({ namespace, kind })));
  return useQueries({
    queries: pairs.map(({ namespace, kind }) => getWorkloadsQueryOptions(clusterId, kind, namespace)),
    combine: (results) => ({
      workloads: results.flatMap((result, index) =>
        (result.data ?? []).map((object) => ({ kind: pairs[index]?.kind ?? 'Deployment', object })),
      ),
      isPending: results.some((result) => result.isPending),
      failures: results.flatMap((result, index) => {
        const pair = pairs[index];
        return result.isError && pair ? [{ ...pair, message: result.error.message }] : [];
      }),
    }),
  });
}
