import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { landingPath, paths } from '@/config/paths';
import { clusterCrumbs, clustersCrumbs, importCrumbs } from './routes/breadcrumbs';
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
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(createRoutes());
