import { useParams } from 'react-router';
import { useProjects } from '@/features/access/api/get-projects';
import { PodList } from '@/features/pods/components/pod-list';

export function PodsRoute() {
  const { clusterId = '' } = useParams();
  const projects = useProjects(clusterId);
  return <PodList key={clusterId} clusterId={clusterId} projects={projects.data ?? []} />;
}
