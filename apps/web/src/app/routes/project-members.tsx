import { useParams } from 'react-router';
import { MemberList } from '@/features/access/components/member-list';
import { useMe } from '@/features/auth/api/get-me';
import { useProject } from '@/lib/projects/get-project';

export function ProjectMembersRoute() {
  const { clusterId = '', projectId = '' } = useParams();
  const me = useMe().data;
  const project = useProject(projectId);
  if (!me) return null;
  return (
    <MemberList
      key={projectId}
      me={me}
      clusterId={clusterId}
      projectId={projectId}
      scopeName={project.data?.name ?? projectId}
    />
  );
}
