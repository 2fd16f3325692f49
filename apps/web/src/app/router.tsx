import { createBrowserRouter } from 'react-router';
import { paths } from '@/config/paths';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';
import { RootRoute } from './routes/root';
import { RouteError } from './routes/route-error';

export const createRouter = () =>
  createBrowserRouter([
    {
      path: paths.home,
      element: <RootRoute />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomeRoute /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
