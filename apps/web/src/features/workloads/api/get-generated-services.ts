import { generatedServiceLabel } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath, type KubeList, type KubeService } from '@/lib/k8s/types';
import { coreKey } from './workloads-key';

const selectorFor = (workloadName: string) => `${generatedServiceLabel}=${workloadName}`;

/** The Services Bokujo's deploy form made for a workload, found by the label it put on them. */
export const getGeneratedServices = async (clusterId: string, namespace: string, workloadName: string) =>
  (
    await apiFetch<KubeList<KubeService>>(
      k8sPath(
        clusterId,
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/services?${new URLSearchParams({ labelSelector: selectorFor(workloadName) })}`,
      ),
    )
  ).items;

export const getGeneratedServicesQueryOptions = (clusterId: string, namespace: string, workloadName: string) =>
  queryOptions({
    queryKey: coreKey(clusterId, 'services', namespace, { labelSelector: selectorFor(workloadName) }),
    queryFn: () => getGeneratedServices(clusterId, namespace, workloadName),
  });

export const useGeneratedServices = (
  clusterId: string,
  namespace: string,
  workloadName: string,
  { enabled = true } = {},
) => useQuery({ ...getGeneratedServicesQueryOptions(clusterId, namespace, workloadName), enabled });
