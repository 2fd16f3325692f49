import { useParams } from 'react-router';
import { ImportYamlPage } from '@/features/yaml/components/import-yaml-page';

export function ImportYamlRoute() {
  const { clusterId = '', projectId = '' } = useParams();
  return <ImportYamlPage key={`${clusterId}/${projectId}`} clusterId={clusterId} projectId={projectId} />;
}
