import type { AddMemberBody, Member } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { type MemberScope, membersKey, membersPath } from './member-scope';

export const addMember = ({ scope, body }: { scope: MemberScope; body: AddMemberBody }) =>
  apiFetch<Member>(membersPath(scope), { method: 'POST', json: body });

export function useAddMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addMember,
    onSuccess: (_member, { scope }) => queryClient.invalidateQueries({ queryKey: membersKey(scope) }),
  });
}
