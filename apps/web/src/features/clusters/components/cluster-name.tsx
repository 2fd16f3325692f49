import { useCluster } from '../api/get-cluster';

/** A cluster's name for breadcrumbs and titles; its id until the name has arrived. */
export function ClusterName({ clusterId }: { clusterId: string }) {
  const cluster = useCluster(clusterId);
  return <>{cluster.data?.name ?? clusterId}</>;
}
