import { useProject } from '@/lib/projects/get-project';

/** A project's name for breadcrumbs, titles and navigation; its id until the name has arrived. */
export function ProjectName({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  return <>{project.data?.name ?? projectId}</>;
}
