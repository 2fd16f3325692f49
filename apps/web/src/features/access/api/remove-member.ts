import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { type MemberScope, membersKey, membersPath } from './member-scope';

export const removeMember = ({ scope, memberId }: { scope: MemberScope; memberId: string }) =>
  apiFetch<null>(`${membersPath(scope)}/${encodeURIComponent(memberId)}`, { method: 'DELETE' });

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSuccess: (_result, { scope }) => queryClient.invalidateQueries({ queryKey: membersKey(scope) }),
  });
}
