import type { SetupStatus } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const getSetupStatus = () => apiFetch<SetupStatus>('/api/v1/setup');

export const getSetupStatusQueryOptions = () =>
  queryOptions({ queryKey: ['setup-status'], queryFn: getSetupStatus, staleTime: 60_000 });

export const useSetupStatus = () => useQuery(getSetupStatusQueryOptions());
