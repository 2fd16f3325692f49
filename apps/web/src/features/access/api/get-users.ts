import type { User } from '@bokujo/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const getUsers = async () => (await apiFetch<{ items: User[] }>('/api/v1/users')).items;

export const getUsersQueryOptions = () => queryOptions({ queryKey: ['access', 'users'], queryFn: getUsers });

/** Every local user; only people who hold `users:manage` may ask (others get 403). */
export const useUsers = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getUsersQueryOptions(), enabled });
