import { useTranslation } from 'react-i18next';
import { useProject } from '../api/get-project';

type StoragePage = 'classes' | 'createClass' | 'volumes' | 'claims' | 'createClaim';

/** The storage pages' names in breadcrumbs. */
export function StorageCrumbLabel({ page }: { page: StoragePage }) {
  const { t } = useTranslation('storage');
  return <>{t(`crumbs.${page}`)}</>;
}

/** A project's name for breadcrumbs and titles; its id until the name has arrived. */
export function ProjectName({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  return <>{project.data?.name ?? projectId}</>;
}
