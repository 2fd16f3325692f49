import { render } from '@testing-library/react';
import i18next from 'i18next';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProvider } from '@/app/provider';
import { initI18n, type Language, languageStorageKey } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

/** Renders routes with the real providers, in the language a person chose earlier. */
export async function renderRoutes(routes: RouteObject[], { language = 'en' as Language, path = '/' } = {}) {
  localStorage.setItem(languageStorageKey, language);
  const i18n = await initI18n(i18next.createInstance());
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProvider i18n={i18n} queryClient={createQueryClient()}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, i18n, router };
}
