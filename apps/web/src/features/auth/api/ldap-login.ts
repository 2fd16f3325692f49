import type { LdapLoginBody, LoginResponse } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { sessionQueryKey } from '@/lib/query-client';
import { getMeQueryOptions } from './get-me';

export const ldapLogin = ({ providerId, ...body }: LdapLoginBody & { providerId: string }) =>
  apiFetch<LoginResponse>(`/api/v1/auth/ldap/${encodeURIComponent(providerId)}/login`, { method: 'POST', json: body });

export function useLdapLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ldapLogin,
    meta: { unauthenticatedIsExpected: true },
    onSuccess: ({ user }) => {
      // As for a local login: nothing cached for someone else may leak into this session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(getMeQueryOptions().queryKey, user);
    },
  });
}
