import { useParams } from 'react-router';
import { useMe } from '@/features/auth/api/get-me';
import { ProjectList } from '@/features/access/components/project-list';

export function ProjectsRoute() {
  const { clusterId = '' } = useParams();
  const me = useMe().data;
  if (!me) return null;
  return <ProjectList key={clusterId} me={me} clusterId={clusterId} />;
}
