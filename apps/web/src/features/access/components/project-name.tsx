import { useProject } from '../api/get-project';

/** A project's name for breadcrumbs and navigation; its id until the name has arrived. */
export function ProjectName({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  return <>{project.data?.name ?? projectId}</>;
}
