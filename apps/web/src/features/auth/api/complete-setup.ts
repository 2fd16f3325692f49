import type { CompleteSetupBody, Me } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { getMeQueryOptions } from './get-me';

export interface CompleteSetupResult {
  user: Me;
  serverUrl: string;
  warnings: string[];
}

export const completeSetup = (body: CompleteSetupBody) =>
  apiFetch<CompleteSetupResult>('/api/v1/setup', { method: 'POST', json: body });

export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeSetup,
    // The setup status is left as it was until the person moves on (see the setup route), so the
    // page can still show the server's warnings instead of closing as soon as setup is done.
    onSuccess: ({ user }) => queryClient.setQueryData(getMeQueryOptions().queryKey, user),
  });
}
