import { useParams } from 'react-router';
import { ClusterDashboard } from '@/features/clusters/components/cluster-dashboard';

export function ClusterDashboardRoute() {
  const { clusterId = '' } = useParams();
  // A new cluster id is a new page: nothing of the previous cluster's view may linger.
  return <ClusterDashboard key={clusterId} clusterId={clusterId} />;
}
