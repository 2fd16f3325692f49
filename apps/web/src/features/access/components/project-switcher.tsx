import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { useProjects } from '../api/get-projects';

/**
 * The top bar's way into a project of the current cluster (Global → Cluster → Project, as in
 * Rancher). It lists only the projects the person may see; clearing it leads back to the
 * cluster's Projects/Namespaces page.
 */
export function ProjectSwitcher({
  clusterId,
  projectId,
}: {
  clusterId: string | undefined;
  projectId: string | undefined;
}) {
  const { t } = useTranslation('access');
  const navigate = useNavigate();
  const projects = useProjects(clusterId);
  if (!clusterId) return null;
  const data = (projects.data ?? []).map((project) => ({ value: project.id, label: project.name }));
  return (
    <Select
      aria-label={t('switcher.label')}
      placeholder={projects.isError ? t('switcher.failed') : t('switcher.placeholder')}
      data={data}
      value={projectId ?? null}
      disabled={projects.isPending || projects.isError}
      searchable={data.length > 8}
      clearable
      clearButtonProps={{ 'aria-label': t('switcher.clear') }}
      nothingFoundMessage={t('switcher.none')}
      w={220}
      size="sm"
      comboboxProps={{ withinPortal: true }}
      onChange={(value) =>
        void navigate(value ? paths.project.getHref(clusterId, value) : paths.projects.getHref(clusterId))
      }
    />
  );
}
