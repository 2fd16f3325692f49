import { workloadObjectPath, type WorkloadKind } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeWorkload } from '@/lib/k8s/types';
import { workloadPollMs, workloadsKey } from './workloads-key';

export interface WorkloadAddress {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

export const getWorkload = (clusterId: string, { kind, namespace, name }: WorkloadAddress) =>
  apiFetch<KubeWorkload>(k8sPath(clusterId, workloadObjectPath(kind, namespace, name)));

export const getWorkloadQueryOptions = (clusterId: string, address: WorkloadAddress) =>
  queryOptions({
    queryKey: workloadsKey(clusterId, address.kind, address.namespace, address.name),
    queryFn: () => getWorkload(clusterId, address),
    refetchInterval: workloadPollMs,
  });

export const useWorkload = (clusterId: string, address: WorkloadAddress) =>
  useQuery(getWorkloadQueryOptions(clusterId, address));
