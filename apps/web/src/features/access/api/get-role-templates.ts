import type { RoleTemplate } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const getRoleTemplates = async () => (await apiFetch<{ items: RoleTemplate[] }>('/api/v1/role-templates')).items;

export const getRoleTemplatesQueryOptions = () =>
  queryOptions({ queryKey: ['access', 'role-templates'], queryFn: getRoleTemplates, staleTime: 60_000 });

/** Cluster and project roles, built-in and custom, with what each lets its holder do. */
export const useRoleTemplates = () => useQuery(getRoleTemplatesQueryOptions());
