import type { GlobalRoleInfo } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const getGlobalRoles = async () => (await apiFetch<{ items: GlobalRoleInfo[] }>('/api/v1/global-roles')).items;

/** Roles change rarely; a minute keeps dialogs from asking again each time they open. */
export const getGlobalRolesQueryOptions = () =>
  queryOptions({ queryKey: ['access', 'global-roles'], queryFn: getGlobalRoles, staleTime: 60_000 });

export const useGlobalRoles = () => useQuery(getGlobalRolesQueryOptions());
