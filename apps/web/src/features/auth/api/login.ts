import type { LoginBody, LoginResponse } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { sessionQueryKey } from '@/lib/query-client';
import { getMeQueryOptions } from './get-me';

export const login = (body: LoginBody) => apiFetch<LoginResponse>('/api/v1/auth/login', { method: 'POST', json: body });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    meta: { unauthenticatedIsExpected: true },
    onSuccess: ({ user }) => {
      // Nothing cached for whoever was signed in before may leak into this session. The session
      // query itself stays, so the pages watching it see the new person and move on.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(getMeQueryOptions().queryKey, user);
    },
  });
}
