import { Anchor, Breadcrumbs as Trail, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, type Params, useMatches } from 'react-router';
import { paths } from '@/config/paths';
import { ClusterName } from '@/features/clusters/components/cluster-name';
import { ClustersLabel, ImportLabel } from './crumb-labels';
import type { Crumb, RouteHandle } from './route-handle';

const global: Crumb = { label: <ClustersLabel />, to: paths.clusters.getHref() };

export const clustersCrumbs = (): Crumb[] => [{ label: <ClustersLabel /> }];
export const importCrumbs = (): Crumb[] => [global, { label: <ImportLabel /> }];
export const clusterCrumbs = ({ clusterId = '' }: Params): Crumb[] => [
  global,
  { label: <ClusterName clusterId={clusterId} /> },
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
