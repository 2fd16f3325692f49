import type { Me, UpdatePreferencesBody } from '@bokujo/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { sessionQueryKey } from '@/lib/query-client';

export const updatePreferences = (body: UpdatePreferencesBody) =>
  apiFetch<Me>('/api/v1/me/preferences', { method: 'PUT', json: body });

/** Keeps the person's choices on the server so every browser they use follows them. */
export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePreferences,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}
