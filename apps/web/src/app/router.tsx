import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { landingPath, paths } from '@/config/paths';
import {
  auditCrumbs,
  authProvidersCrumbs,
  clusterCrumbs,
  clusterMembersCrumbs,
  clustersCrumbs,
  importCrumbs,
  importYamlCrumbs,
  objectYamlCrumbs,
  persistentVolumesCrumbs,
  podCrumbs,
  podsCrumbs,
  projectCrumbs,
  projectMembersCrumbs,
  projectsCrumbs,
  rolesCrumbs,
  storageClassCreateCrumbs,
  storageClassesCrumbs,
  usersCrumbs,
  volumeClaimCreateCrumbs,
  volumeClaimsCrumbs,
  workloadCrumbs,
  workloadDeployCrumbs,
  workloadEditCrumbs,
  workloadsCrumbs,
} from './routes/breadcrumbs';
import { ClustersRoute } from './routes/clusters';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { RequireSession } from './routes/require-session';
import type { RouteHandle } from './routes/route-handle';
import { RouteError } from './routes/route-error';
import { ShellRoute } from './routes/shell';

const handle = (value: RouteHandle) => value;

/**
 * Login and the cluster list load with the app; the rest loads when first visited so the first
 * page stays light.
 */
export const createRoutes = (): RouteObject[] => [
  { path: paths.login.path, element: <LoginRoute />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        path: paths.setup.path,
        lazy: async () => ({ Component: (await import('./routes/setup')).SetupRoute }),
      },
      {
        path: paths.password.path,
        lazy: async () => ({ Component: (await import('./routes/change-password')).ChangePasswordRoute }),
      },
      {
        element: <ShellRoute />,
        children: [
          { path: paths.home.path, element: <Navigate to={landingPath} replace /> },
          { path: paths.clusters.path, element: <ClustersRoute />, handle: handle({ breadcrumbs: clustersCrumbs }) },
          {
            path: paths.clusterImport.path,
            handle: handle({ breadcrumbs: importCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/cluster-import')).ClusterImportRoute }),
          },
          {
            path: paths.cluster.path,
            handle: handle({ breadcrumbs: clusterCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/cluster-dashboard')).ClusterDashboardRoute }),
          },
          {
            path: paths.pods.path,
            handle: handle({ breadcrumbs: podsCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/pods')).PodsRoute }),
          },
          {
            path: paths.storageClasses.path,
            handle: handle({ breadcrumbs: storageClassesCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/storage-classes')).StorageClassesRoute }),
          },
          {
            path: paths.storageClassCreate.path,
            handle: handle({ breadcrumbs: storageClassCreateCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/storage-class-create')).StorageClassCreateRoute }),
          },
          {
            path: paths.persistentVolumes.path,
            handle: handle({ breadcrumbs: persistentVolumesCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/persistent-volumes')).PersistentVolumesRoute }),
          },
          {
            path: paths.volumeClaims.path,
            handle: handle({ breadcrumbs: volumeClaimsCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/volume-claims')).VolumeClaimsRoute }),
          },
          {
            path: paths.volumeClaimCreate.path,
            handle: handle({ breadcrumbs: volumeClaimCreateCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/volume-claim-create')).VolumeClaimCreateRoute }),
          },
          {
            path: paths.users.path,
            handle: handle({ breadcrumbs: usersCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/users')).UsersRoute }),
          },
          {
            path: paths.roles.path,
            handle: handle({ breadcrumbs: rolesCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/roles')).RolesRoute }),
          },
          {
            path: paths.audit.path,
            handle: handle({ breadcrumbs: auditCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/audit')).AuditRoute }),
          },
          {
            path: paths.clusterMembers.path,
            handle: handle({ breadcrumbs: clusterMembersCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/cluster-members')).ClusterMembersRoute }),
          },
          {
            path: paths.projects.path,
            handle: handle({ breadcrumbs: projectsCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/projects')).ProjectsRoute }),
          },
          {
            path: paths.project.path,
            handle: handle({ breadcrumbs: projectCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/project')).ProjectRoute }),
          },
          {
            path: paths.projectMembers.path,
            handle: handle({ breadcrumbs: projectMembersCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/project-members')).ProjectMembersRoute }),
          },
          {
            path: paths.workloads.path,
            handle: handle({ breadcrumbs: workloadsCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/workloads')).WorkloadsRoute }),
          },
          {
            path: paths.workloadDeploy.path,
            handle: handle({ breadcrumbs: workloadDeployCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/workload-deploy')).WorkloadDeployRoute }),
          },
          {
            path: paths.workloadEdit.path,
            handle: handle({ breadcrumbs: workloadEditCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/workload-deploy')).WorkloadEditRoute }),
          },
          {
            path: paths.workload.path,
            handle: handle({ breadcrumbs: workloadCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/workload')).WorkloadRoute }),
          },
          {
            path: paths.pod.path,
            handle: handle({ breadcrumbs: podCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/pod')).PodRoute }),
          },
          {
            path: paths.importYaml.path,
            handle: handle({ breadcrumbs: importYamlCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/import-yaml')).ImportYamlRoute }),
          },
          {
            path: paths.objectYaml.path,
            handle: handle({ breadcrumbs: objectYamlCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/object-yaml')).ObjectYamlRoute }),
          },
          {
            path: paths.authProviders.path,
            handle: handle({ breadcrumbs: authProvidersCrumbs }),
            lazy: async () => ({ Component: (await import('./routes/auth-providers')).AuthProvidersRoute }),
          },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(createRoutes());
