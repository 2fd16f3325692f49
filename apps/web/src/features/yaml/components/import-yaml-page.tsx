import { useProject } from '@/lib/projects/get-project';
import { ImportYamlForm } from './import-yaml-form';

export function ImportYamlPage({ clusterId, projectId }: { clusterId: string; projectId: string }) {
  const project = useProject(projectId);
  return <ImportYamlForm clusterId={clusterId} projectId={projectId} projectName={project.data?.name ?? projectId} />;
}
