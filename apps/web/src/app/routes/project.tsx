import { useNavigate, useParams } from 'react-router';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { ProjectOverview } from '@/features/access/components/project-overview';

export function ProjectRoute() {
  const { clusterId = '', projectId = '' } = useParams();
  const me = useMe().data;
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <ProjectOverview
      key={projectId}
      me={me}
      clusterId={clusterId}
      projectId={projectId}
      onDeleted={() => void navigate(paths.projects.getHref(clusterId), { replace: true })}
    />
  );
}
