import { useParams } from 'react-router';
import { useMe } from '@/features/auth/api/get-me';
import { MemberList } from '@/features/access/components/member-list';
import { useCluster } from '@/features/clusters/api/get-cluster';

export function ClusterMembersRoute() {
  const { clusterId = '' } = useParams();
  const me = useMe().data;
  const cluster = useCluster(clusterId);
  if (!me) return null;
  // A new cluster id is a new page: nothing of the previous cluster's view may linger.
  return <MemberList key={clusterId} me={me} clusterId={clusterId} scopeName={cluster.data?.name ?? clusterId} />;
}
