import type { Member } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { type MemberScope, membersKey, membersPath } from './member-scope';

export const getMembers = async (scope: MemberScope) => (await apiFetch<{ items: Member[] }>(membersPath(scope))).items;

export const getMembersQueryOptions = (scope: MemberScope) =>
  queryOptions({ queryKey: membersKey(scope), queryFn: () => getMembers(scope) });

export const useMembers = (scope: MemberScope, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getMembersQueryOptions(scope), enabled });
