import { Anchor, Breadcrumbs as Trail, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, type Params, useMatches } from 'react-router';
import { ProjectName } from '@/components/project-name';
import { paths } from '@/config/paths';
import { ClusterName } from '@/features/clusters/components/cluster-name';
import { StorageCrumbLabel } from '@/features/storage/components/storage-crumb-label';
import { ImportYamlCrumbLabel, ObjectYamlCrumbLabel } from '@/features/yaml/components/yaml-crumb-label';
import { ClustersLabel, DeployCrumbLabel, EditCrumbLabel, ImportLabel, NavLabel } from './crumb-labels';
import type { Crumb, RouteHandle } from './route-handle';

const global: Crumb = { label: <ClustersLabel />, to: paths.clusters.getHref() };

export const clustersCrumbs = (): Crumb[] => [{ label: <ClustersLabel /> }];
export const importCrumbs = (): Crumb[] => [global, { label: <ImportLabel /> }];
export const clusterCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  { label: <ClusterName clusterId={clusterId} /> },
];

const clusterCrumb = (clusterId: string): Crumb => ({
  label: <ClusterName clusterId={clusterId} />,
  to: paths.cluster.getHref(clusterId),
});
export const podsCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <NavLabel entry="pods" /> },
];
export const storageClassesCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <StorageCrumbLabel page="classes" /> },
];
export const storageClassCreateCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <StorageCrumbLabel page="classes" />, to: paths.storageClasses.getHref(clusterId) },
  { label: <StorageCrumbLabel page="createClass" /> },
];
export const persistentVolumesCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <StorageCrumbLabel page="volumes" /> },
];
export const volumeClaimsCrumbs = ({ clusterId = '', projectId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <ProjectName projectId={projectId} /> },
  { label: <StorageCrumbLabel page="claims" /> },
];
export const volumeClaimCreateCrumbs = ({ clusterId = '', projectId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <ProjectName projectId={projectId} /> },
  { label: <StorageCrumbLabel page="claims" />, to: paths.volumeClaims.getHref(clusterId, projectId) },
  { label: <StorageCrumbLabel page="createClaim" /> },
];

export const usersCrumbs = (): Crumb[] => [global, { label: <NavLabel entry="users" /> }];
export const rolesCrumbs = (): Crumb[] => [global, { label: <NavLabel entry="roles" /> }];
export const auditCrumbs = (): Crumb[] => [global, { label: <NavLabel entry="audit" /> }];
export const authProvidersCrumbs = (): Crumb[] => [global, { label: <NavLabel entry="authProviders" /> }];
export const clusterMembersCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <NavLabel entry="members" /> },
];
export const projectsCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <NavLabel entry="projects" /> },
];
export const projectCrumbs = ({ clusterId = '', projectId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <NavLabel entry="projects" />, to: paths.projects.getHref(clusterId) },
  { label: <ProjectName projectId={projectId} /> },
];
export const projectMembersCrumbs = ({ clusterId = '', projectId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <NavLabel entry="projects" />, to: paths.projects.getHref(clusterId) },
  { label: <ProjectName projectId={projectId} />, to: paths.project.getHref(clusterId, projectId) },
  { label: <NavLabel entry="members" /> },
];

const projectTrail = (clusterId: string, projectId: string): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <NavLabel entry="projects" />, to: paths.projects.getHref(clusterId) },
  { label: <ProjectName projectId={projectId} />, to: paths.project.getHref(clusterId, projectId) },
];
export const workloadsCrumbs = ({ clusterId = '', projectId = '' }: Params): Crumb[] => [
  ...projectTrail(clusterId, projectId),
  { label: <NavLabel entry="workloads" /> },
];
export const workloadCrumbs = ({ clusterId = '', projectId = '', name = '' }: Params): Crumb[] => [
  ...projectTrail(clusterId, projectId),
  { label: <NavLabel entry="workloads" />, to: paths.workloads.getHref(clusterId, projectId) },
  { label: name },
];
export const workloadDeployCrumbs = ({ clusterId = '', projectId = '' }: Params): Crumb[] => [
  ...projectTrail(clusterId, projectId),
  { label: <NavLabel entry="workloads" />, to: paths.workloads.getHref(clusterId, projectId) },
  { label: <DeployCrumbLabel /> },
];
export const workloadEditCrumbs = ({
  clusterId = '',
  projectId = '',
  namespace = '',
  kind = '',
  name = '',
}: Params): Crumb[] => [
  ...projectTrail(clusterId, projectId),
  { label: <NavLabel entry="workloads" />, to: paths.workloads.getHref(clusterId, projectId) },
  { label: name, to: paths.workload.getHref(clusterId, projectId, { namespace, kind, name }) },
  { label: <EditCrumbLabel /> },
];
export const podCrumbs = ({ clusterId = '', projectId = '', name = '' }: Params): Crumb[] => [
  ...projectTrail(clusterId, projectId),
  { label: <NavLabel entry="workloads" />, to: paths.workloads.getHref(clusterId, projectId) },
  { label: name },
];
export const importYamlCrumbs = ({ clusterId = '', projectId = '' }: Params): Crumb[] => [
  ...projectTrail(clusterId, projectId),
  { label: <ImportYamlCrumbLabel /> },
];
export const objectYamlCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  clusterCrumb(clusterId),
  { label: <ObjectYamlCrumbLabel /> },
];

/** The trail of the deepest route that declares one. */
export function Breadcrumbs() {
  const { t } = useTranslation();
  const matches = useMatches();
  const match = [...matches].reverse().find((candidate) => (candidate.handle as RouteHandle | undefined)?.breadcrumbs);
  const crumbs = match ? ((match.handle as RouteHandle).breadcrumbs?.(match.params) ?? []) : [];
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label={t('breadcrumbs.label')}>
      <Trail mb="md" separatorMargin={6}>
        {crumbs.map((crumb, index) =>
          crumb.to ? (
            <Anchor key={index} component={Link} to={crumb.to} size="sm">
              {crumb.label}
            </Anchor>
          ) : (
            <Text key={index} size="sm" c="dimmed" aria-current="page">
              {crumb.label}
            </Text>
          ),
        )}
      </Trail>
    </nav>
  );
}
