import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { k8sPath } from '@/lib/k8s/types';
import type { PodDetail } from '../types';
import { podApiPath } from './pod-path';

export const getPod = (clusterId: string, namespace: string, name: string) =>
  apiFetch<PodDetail>(k8sPath(clusterId, podApiPath(namespace, name)));

export const getPodQueryOptions = (clusterId: string, namespace: string, name: string) =>
  queryOptions({
    queryKey: ['k8s', clusterId, 'v1', 'pods', namespace, name],
    queryFn: () => getPod(clusterId, namespace, name),
    // Container states and restarts change while the page is open.
    refetchInterval: 5_000,
  });

export const usePod = (clusterId: string, namespace: string, name: string) =>
  useQuery(getPodQueryOptions(clusterId, namespace, name));
