import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderRoutes } from '@/testing/render-app';
import { HomeRoute } from './home';
import { NotFoundRoute } from './not-found';
import { RootRoute } from './root';

const routes = [
  {
    path: '/',
    element: <RootRoute />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

function serveReadiness(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  );
}

describe('app shell', () => {
  it('renders in English with the server status', async () => {
    serveReadiness(200, { status: 'ok' });
    await renderRoutes(routes, { language: 'en' });
    expect(screen.getByRole('heading', { name: 'Welcome to Bokujo' })).toBeDefined();
    expect(within(screen.getByRole('navigation', { name: 'Main navigation' })).getByText('Home')).toBeDefined();
    expect(await screen.findByText('Server ready')).toBeDefined();
    expect(document.documentElement.lang).toBe('en');
  });

  it('renders in Japanese when that was chosen', async () => {
    serveReadiness(503, { status: 'unavailable' });
    await renderRoutes(routes, { language: 'ja' });
    expect(screen.getByRole('heading', { name: 'Bokujo へようこそ' })).toBeDefined();
    expect(await screen.findByText('サーバーに接続できません')).toBeDefined();
    expect(document.documentElement.lang).toBe('ja');
  });

  it('switches language from the header and remembers the choice', async () => {
    serveReadiness(200, { status: 'ok' });
    await renderRoutes(routes, { language: 'en' });
    await userEvent.click(screen.getByText('日本語'));
    expect(await screen.findByRole('heading', { name: 'Bokujo へようこそ' })).toBeDefined();
    expect(localStorage.getItem('bokujo.language')).toBe('ja');
  });

  it('shows where a broken link led', async () => {
    serveReadiness(200, { status: 'ok' });
    await renderRoutes(routes, { language: 'en', path: '/no/such/page' });
    expect(screen.getByText('There is nothing at /no/such/page.')).toBeDefined();
  });
});
