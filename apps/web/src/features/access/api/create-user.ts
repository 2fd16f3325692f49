import type { CreateUserBody, User } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getUsersQueryOptions } from './get-users';

export const createUser = (body: CreateUserBody) => apiFetch<User>('/api/v1/users', { method: 'POST', json: body });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey }),
  });
}
