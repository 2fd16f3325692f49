import type { CreateGlobalRoleBody, GlobalRoleInfo } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getGlobalRolesQueryOptions } from './get-global-roles';

export const createGlobalRole = (body: CreateGlobalRoleBody) =>
  apiFetch<GlobalRoleInfo>('/api/v1/global-roles', { method: 'POST', json: body });

export function useCreateGlobalRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createGlobalRole,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getGlobalRolesQueryOptions().queryKey }),
  });
}
