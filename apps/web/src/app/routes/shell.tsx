import { GlobalPermission, type Me } from '@bokujo/shared';
import { Group } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useOutletContext, useParams } from 'react-router';
import { type NavigationSection, ShellLayout } from '@/components/layouts/shell-layout';
import { ProjectName } from '@/components/project-name';
import { paths } from '@/config/paths';
import { UserMenu } from '@/features/auth/components/user-menu';
import { ClusterName } from '@/features/clusters/components/cluster-name';
import { ClusterSwitcher } from '@/features/clusters/components/cluster-switcher';
import { ServerStatusBadge } from '@/features/server-status/components/server-status-badge';
import { LanguageSwitch } from '@/features/settings/components/language-switch';
import { ThemeToggle } from '@/features/settings/components/theme-toggle';
import { Breadcrumbs } from './breadcrumbs';

// Shown only inside a cluster, so the cluster list (the first page) does not load its select.
const ProjectSwitcher = lazy(() =>
  import('@/features/access/components/project-switcher').then((module) => ({ default: module.ProjectSwitcher })),
);

/** The signed-in console: Global → Cluster navigation around the page. */
export function ShellRoute() {
  const { t } = useTranslation();
  const me = useOutletContext<Me>();
  const { clusterId, projectId } = useParams();
  const navigate = useNavigate();

  const can = (permission: GlobalPermission) => me.permissions.includes(permission);
  const globalEntries = [
    { to: paths.clusters.getHref(), label: t('nav.clusters'), end: true },
    ...(can(GlobalPermission.usersManage) ? [{ to: paths.users.getHref(), label: t('nav.users') }] : []),
    ...(can(GlobalPermission.rolesManage) ? [{ to: paths.roles.getHref(), label: t('nav.roles') }] : []),
    ...(can(GlobalPermission.auditRead) ? [{ to: paths.audit.getHref(), label: t('nav.audit') }] : []),
    ...(can(GlobalPermission.settingsManage)
      ? [{ to: paths.authProviders.getHref(), label: t('nav.authProviders') }]
      : []),
  ];
  const navigation: NavigationSection[] = [{ label: t('nav.global'), entries: globalEntries }];
  if (clusterId) {
    navigation.push({
      label: <ClusterName clusterId={clusterId} />,
      entries: [
        { to: paths.cluster.getHref(clusterId), label: t('nav.dashboard'), end: true },
        { to: paths.projects.getHref(clusterId), label: t('nav.projects') },
        { to: paths.pods.getHref(clusterId), label: t('nav.pods') },
        { to: paths.clusterMembers.getHref(clusterId), label: t('nav.members') },
        { to: paths.storageClasses.getHref(clusterId), label: t('nav.storageClasses') },
        { to: paths.persistentVolumes.getHref(clusterId), label: t('nav.persistentVolumes') },
      ],
    });
  }
  if (clusterId && projectId) {
    navigation.push({
      label: <ProjectName projectId={projectId} />,
      entries: [
        { to: paths.workloads.getHref(clusterId, projectId), label: t('nav.workloads') },
        { to: paths.volumeClaims.getHref(clusterId, projectId), label: t('nav.volumeClaims') },
        { to: paths.importYaml.getHref(clusterId, projectId), label: t('nav.importYaml') },
        { to: paths.projectMembers.getHref(clusterId, projectId), label: t('nav.members') },
      ],
    });
  }

  return (
    <ShellLayout
      title={t('appName')}
      homeHref={paths.clusters.getHref()}
      navigationLabel={t('nav.label')}
      navigation={navigation}
      switcher={
        <Group gap="xs" wrap="nowrap">
          <ClusterSwitcher clusterId={clusterId} />
          {clusterId && (
            <Suspense>
              <ProjectSwitcher clusterId={clusterId} projectId={projectId} />
            </Suspense>
          )}
        </Group>
      }
      breadcrumbs={<Breadcrumbs />}
      headerActions={
        <>
          <ServerStatusBadge />
          <LanguageSwitch signedIn />
          <ThemeToggle />
          <UserMenu me={me} onSignedOut={() => void navigate(paths.login.getHref(), { replace: true })} />
        </>
      }
    />
  );
}
