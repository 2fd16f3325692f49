import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export interface KubeconfigDownload {
  /** YAML whose server is Bokujo's proxy and whose credential is a new API token of mine. */
  kubeconfig: string;
  tokenId: string;
  expiresAt: string | null;
}

export const createKubeconfig = (clusterId: string) =>
  apiFetch<KubeconfigDownload>(`/api/v1/clusters/${encodeURIComponent(clusterId)}/kubeconfig`, {
    method: 'POST',
  });

export const useCreateKubeconfig = () => useMutation({ mutationFn: createKubeconfig });
