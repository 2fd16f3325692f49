import type { AuditEntry, AuditQuery } from '@bokujo/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export const getAudit = async (query: AuditQuery) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const suffix = search.size > 0 ? `?${search}` : '';
  return (await apiFetch<{ items: AuditEntry[] }>(`/api/v1/audit${suffix}`)).items;
};

export const getAuditQueryOptions = (query: AuditQuery) =>
  queryOptions({ queryKey: ['audit', query], queryFn: () => getAudit(query) });

/** The previous entries stay on screen while a changed filter loads, so the table does not flicker. */
export const useAudit = (query: AuditQuery) =>
  useQuery({ ...getAuditQueryOptions(query), placeholderData: keepPreviousData });
