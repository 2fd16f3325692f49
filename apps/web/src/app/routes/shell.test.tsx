import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { browserLocation } from '@/features/auth/utils/browser-location';
import { fakeServer, unauthenticated } from '@/testing/fake-server';
import { activeCluster, admin, unavailableCluster } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

describe('app shell', () => {
  it('switches between Global and a cluster from the top bar', async () => {
    fakeServer({
      ...signedInRoutes({ clusters: [activeCluster(), unavailableCluster()] }),
      'GET /api/v1/clusters/c-91aa03ff6e20': { body: unavailableCluster() },
      'GET /k8s/clusters/c-91aa03ff6e20/api/v1/nodes': {
        status: 503,
        body: { statusCode: 503, code: 'UNAVAILABLE', message: 'The cluster is unavailable' },
      },
      'GET /k8s/clusters/c-91aa03ff6e20/api/v1/events?limit=20': {
        status: 503,
        body: { statusCode: 503, code: 'UNAVAILABLE', message: 'The cluster is unavailable' },
      },
    });
    const { router } = await renderApp({ path: '/' });
    expect(await screen.findByRole('heading', { name: 'Clusters' })).toBeDefined();
    expect(locationOf(router)).toBe('/clusters');
    expect(await screen.findByText('Server ready')).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Switch cluster (now: Global)' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Unavailable lab-osaka' }));
    expect(await screen.findByRole('heading', { name: 'lab-osaka' })).toBeDefined();
    expect(locationOf(router)).toBe('/c/c-91aa03ff6e20');

    const trail = screen.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(within(trail).getByRole('link', { name: 'Global' })).toBeDefined();
    expect(within(trail).getByText('lab-osaka')).toBeDefined();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Switch cluster (now: lab-osaka)' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: /Global/ }));
    expect(await screen.findByRole('heading', { name: 'Clusters' })).toBeDefined();
  });

  it('logs out from the user menu, with the CSRF header', async () => {
    let signedIn = true;
    const server = fakeServer({
      ...signedInRoutes(),
      'GET /api/v1/me': () => (signedIn ? { body: admin } : unauthenticated),
      'POST /api/v1/auth/end-session': () => {
        signedIn = false;
        return { body: { redirectUrl: null } };
      },
    });
    document.cookie = 'bokujo_csrf=7a7a7a';
    const { router } = await renderApp({ path: '/clusters' });

    await userEvent.click(await screen.findByRole('button', { name: 'User menu of Default Admin' }));
    expect(await screen.findByText('Logged in as admin')).toBeDefined();
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in to Bokujo' })).toBeDefined();
    expect(locationOf(router)).toBe('/login');
    expect(server.to('POST /api/v1/auth/end-session')[0]?.headers.get('X-CSRF-Token')).toBe('7a7a7a');
  });

  it('after logging out of an OIDC session, sends the browser to the provider to log out there too', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    onTestFinished(() => assign.mockRestore());
    const providerLogout = 'https://idp.example.test/session/end?id_token_hint=x&post_logout_redirect_uri=y';
    fakeServer({
      ...signedInRoutes(),
      'POST /api/v1/auth/end-session': { body: { redirectUrl: providerLogout } },
    });
    await renderApp({ path: '/clusters' });
    await userEvent.click(await screen.findByRole('button', { name: 'User menu of Default Admin' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Log out' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith(providerLogout));
  });

  it('never follows a logout address that is not a web address', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    onTestFinished(() => assign.mockRestore());
    let signedIn = true;
    fakeServer({
      ...signedInRoutes(),
      'GET /api/v1/me': () => (signedIn ? { body: admin } : unauthenticated),
      'POST /api/v1/auth/end-session': () => {
        signedIn = false;
        return { body: { redirectUrl: 'javascript:alert(1)' } };
      },
    });
    const { router } = await renderApp({ path: '/clusters' });
    await userEvent.click(await screen.findByRole('button', { name: 'User menu of Default Admin' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Log out' }));
    expect(await screen.findByRole('heading', { name: 'Log in to Bokujo' })).toBeDefined();
    expect(locationOf(router)).toBe('/login');
    expect(assign).not.toHaveBeenCalled();
  });

  it('changes the password from the user menu', async () => {
    const server = fakeServer({ ...signedInRoutes(), 'PUT /api/v1/me/password': { status: 204 } });
    await renderApp({ language: 'ja', path: '/clusters' });

    await userEvent.click(await screen.findByRole('button', { name: 'Default Admin のユーザーメニュー' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'パスワードの変更' }));
    const dialog = await screen.findByRole('dialog', { name: 'パスワードの変更' });
    await userEvent.type(await within(dialog).findByLabelText(/^現在のパスワード/), 'old passphrase here');
    await userEvent.type(within(dialog).getByLabelText(/^新しいパスワード(?! \()/), 'new passphrase here');
    await userEvent.type(within(dialog).getByLabelText(/^新しいパスワード \(確認\)/), 'new passphrase here');
    await userEvent.click(within(dialog).getByRole('button', { name: 'パスワードを変更' }));

    expect(await within(dialog).findByText('パスワードを変更しました')).toBeDefined();
    expect(server.to('PUT /api/v1/me/password')[0]?.body).toEqual({
      currentPassword: 'old passphrase here',
      newPassword: 'new passphrase here',
    });
  });

  it('shows where a broken link led', async () => {
    fakeServer(signedInRoutes());
    await renderApp({ path: '/no/such/page' });
    expect(await screen.findByText('There is nothing at /no/such/page.')).toBeDefined();
  });

  it('switches language from the header and remembers the choice in this browser and for the person', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      'PUT /api/v1/me/preferences': (request) => ({ body: { ...admin, ...(request.body as object) } }),
    });
    document.cookie = 'bokujo_csrf=5e5e5e';
    await renderApp({ path: '/clusters' });
    expect(await screen.findByRole('heading', { name: 'Clusters' })).toBeDefined();
    await userEvent.click(screen.getByText('日本語'));
    expect(await screen.findByRole('heading', { name: 'クラスター' })).toBeDefined();
    expect(localStorage.getItem('bokujo.language')).toBe('ja');
    expect(document.documentElement.lang).toBe('ja');
    await waitFor(() => expect(server.to('PUT /api/v1/me/preferences')).toHaveLength(1));
    expect(server.to('PUT /api/v1/me/preferences')[0]?.body).toEqual({ language: 'ja' });
    expect(server.to('PUT /api/v1/me/preferences')[0]?.headers.get('X-CSRF-Token')).toBe('5e5e5e');
  });

  it('opens in the language the person chose in another browser', async () => {
    fakeServer(signedInRoutes({ me: { ...admin, language: 'ja' } }));
    await renderApp({ path: '/clusters', language: 'en' });
    expect(await screen.findByRole('heading', { name: 'クラスター' })).toBeDefined();
  });
});
