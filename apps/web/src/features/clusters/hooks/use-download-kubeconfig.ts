import type { Cluster } from '@bokujo/shared';
import { saveTextFile } from '@/lib/download';
import { useCreateKubeconfig } from '../api/create-kubeconfig';

/** Asks the server for a kubeconfig of mine for the cluster and saves it as `<name>.yaml`. */
export function useDownloadKubeconfig() {
  const mutation = useCreateKubeconfig();
  const download = (cluster: Pick<Cluster, 'id' | 'name'>) =>
    mutation.mutate(cluster.id, {
      onSuccess: ({ kubeconfig }) => saveTextFile(kubeconfigFileName(cluster.name), kubeconfig, 'application/yaml'),
    });
  return { ...mutation, download };
}

/** Cluster names are DNS labels already; anything else is replaced so the name stays a file name. */
export function kubeconfigFileName(clusterName: string) {
  return `${clusterName.replace(/[^A-Za-z0-9._-]/g, '_') || 'cluster'}.yaml`;
}
