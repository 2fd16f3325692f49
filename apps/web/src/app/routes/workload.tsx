import { isWorkloadKind } from '@bokujo/shared';
import { useNavigate, useParams } from 'react-router';
import { paths } from '@/config/paths';
import { WorkloadDetail } from '@/features/workloads/components/workload-detail';
import { NotFoundRoute } from './not-found';

export function WorkloadRoute() {
  const { clusterId = '', projectId = '', namespace = '', kind = '', name = '' } = useParams();
  const navigate = useNavigate();
  // The kind is part of the address; one that is not a workload kind names no page.
  if (!isWorkloadKind(kind)) return <NotFoundRoute />;
  return (
    <WorkloadDetail
      key={`${clusterId}/${namespace}/${kind}/${name}`}
      clusterId={clusterId}
      projectId={projectId}
      address={{ kind, namespace, name }}
      onDeleted={() => void navigate(paths.workloads.getHref(clusterId, projectId), { replace: true })}
    />
  );
}
