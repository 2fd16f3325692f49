import { render } from '@testing-library/react';
import i18next from 'i18next';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProvider } from '@/app/provider';
import { createRoutes } from '@/app/router';
import { initI18n, type Language, languageStorageKey, loadAllNamespaces } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

interface RenderOptions {
  language?: Language;
  path?: string;
}

/** Renders routes with the real providers, in the language a person chose earlier. */
export async function renderRoutes(routes: RouteObject[], { language = 'en', path = '/' }: RenderOptions = {}) {
  localStorage.setItem(languageStorageKey, language);
  const i18n = await initI18n(i18next.createInstance());
  await loadAllNamespaces(i18n);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  const view = render(
    <AppProvider i18n={i18n} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, i18n, router, queryClient };
}

/** The whole app at `path`: the real route tree, guard and lazy pages included. */
export const renderApp = (options: { language?: Language; path?: string } = {}) =>
  renderRoutes(createRoutes(), options);

/** Where the app is now, as `/path?query`. */
export const locationOf = (router: { state: { location: { pathname: string; search: string } } }) =>
  `${router.state.location.pathname}${router.state.location.search}`;
