import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, unauthenticated } from '@/testing/fake-server';
import { activeCluster, admin } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

/** Nobody is signed in until the login succeeds; then `/me` answers with the admin. */
function serverWithLogin() {
  let signedIn = false;
  const server = fakeServer({
    ...signedInRoutes({ clusters: [activeCluster()] }),
    'GET /api/v1/clusters/c-5e0b7d21a4c3': { body: activeCluster() },
    'GET /api/v1/me': () => (signedIn ? { body: admin } : unauthenticated),
    'POST /api/v1/auth/login': (request) => {
      const { password } = request.body as { password: string };
      if (password !== 'correct horse battery') {
        return {
          status: 401,
          body: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Wrong username or password' },
        };
      }
      signedIn = true;
      return { body: { user: admin } };
    },
  });
  return server;
}

async function logIn(password = 'correct horse battery') {
  const username = await screen.findByLabelText(/Username/);
  const passwordField = screen.getByLabelText(/^Password/, { selector: 'input' });
  await userEvent.clear(username);
  await userEvent.type(username, 'admin');
  await userEvent.clear(passwordField);
  await userEvent.type(passwordField, password);
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('login', () => {
  it('sends a visitor to login with the page as next, and back there afterwards', async () => {
    const server = serverWithLogin();
    const { router } = await renderApp({ path: '/c/c-5e0b7d21a4c3?tab=events' });

    expect(await screen.findByRole('heading', { name: 'Log in to Bokujo' })).toBeDefined();
    expect(locationOf(router)).toBe(`/login?next=${encodeURIComponent('/c/c-5e0b7d21a4c3?tab=events')}`);
    expect(screen.getByText('Local user')).toBeDefined();

    await logIn('wrong password');
    expect(await screen.findByText('Wrong username or password.')).toBeDefined();
    expect(locationOf(router)).toMatch(/^\/login/);

    await logIn();
    expect(await screen.findByRole('heading', { name: 'prod-tokyo' })).toBeDefined();
    expect(locationOf(router)).toBe('/c/c-5e0b7d21a4c3?tab=events');
    expect(server.to('POST /api/v1/auth/login').at(-1)?.body).toEqual({
      username: 'admin',
      password: 'correct horse battery',
    });
  });

  it.each(['https://evil.example/phish', '//evil.example/phish', '/\\evil.example'])(
    'refuses to leave the origin for next=%s',
    async (next) => {
      serverWithLogin();
      const { router } = await renderApp({ path: `/login?next=${encodeURIComponent(next)}` });
      await logIn();
      expect(await screen.findByRole('heading', { name: 'Clusters' })).toBeDefined();
      expect(locationOf(router)).toBe('/clusters');
    },
  );

  it('says how long to wait when rate-limited, in Japanese', async () => {
    fakeServer({
      ...signedInRoutes(),
      'GET /api/v1/me': unauthenticated,
      'POST /api/v1/auth/login': {
        status: 429,
        headers: { 'retry-after': '30' },
        body: { statusCode: 429, code: 'RATE_LIMITED', message: 'Rate limit exceeded, retry in 30 seconds' },
      },
    });
    await renderApp({ language: 'ja', path: '/login' });
    await userEvent.type(await screen.findByLabelText(/ユーザー名/), 'admin');
    await userEvent.type(screen.getByLabelText(/^パスワード/, { selector: 'input' }), 'guess-number-eleven');
    await userEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(
      await screen.findByText('ログインの試行回数が多すぎます。30 秒待ってから、もう一度お試しください。'),
    ).toBeDefined();
  });

  it('shows the server’s message for other refusals', async () => {
    fakeServer({
      ...signedInRoutes(),
      'GET /api/v1/me': unauthenticated,
      'POST /api/v1/auth/login': {
        status: 503,
        body: { statusCode: 503, code: 'UNAVAILABLE', message: 'The store is being migrated; try again shortly' },
      },
    });
    await renderApp({ path: '/login' });
    await logIn();
    expect(await screen.findByText('The store is being migrated; try again shortly')).toBeDefined();
  });

  it('says why an OIDC login came back refused, and ignores a reason it does not know', async () => {
    fakeServer({
      ...signedInRoutes({ clusters: [activeCluster()] }),
      'GET /api/v1/me': unauthenticated,
      'GET /api/v1/auth/providers': { body: { items: [{ id: 'corp-sso', kind: 'oidc', name: 'Corp SSO' }] } },
    });
    const { router } = await renderApp({ path: '/login?error=forbidden&provider=corp-sso' });
    const failure = await screen.findByRole('alert', { name: 'Login with Corp SSO failed' });
    expect(within(failure).getByText('You are not allowed to log in to Bokujo through this provider.')).toBeDefined();

    await router.navigate('/login?error=something-new&provider=corp-sso');
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Login with Corp SSO failed' })).toBeNull());
  });

  it('returns an expired session to login and then to the same page', async () => {
    let sessionAlive = true;
    fakeServer({
      ...signedInRoutes({ clusters: [activeCluster()] }),
      'GET /api/v1/me': () => (sessionAlive ? { body: admin } : unauthenticated),
      'GET /api/v1/clusters/c-5e0b7d21a4c3': () => (sessionAlive ? { body: activeCluster() } : unauthenticated),
      'GET /api/v1/clusters': () => (sessionAlive ? { body: { items: [activeCluster()] } } : unauthenticated),
      'POST /api/v1/auth/login': () => {
        sessionAlive = true;
        return { body: { user: admin } };
      },
    });
    const { router, queryClient } = await renderApp({ path: '/c/c-5e0b7d21a4c3' });
    expect(await screen.findByRole('heading', { name: 'prod-tokyo' })).toBeDefined();

    // The session ends on the server; the next poll of the page finds out.
    sessionAlive = false;
    await queryClient.refetchQueries({ queryKey: ['clusters'] });

    expect(await screen.findByText('Your session ended. Log in again to continue where you were.')).toBeDefined();
    expect(locationOf(router)).toBe(`/login?next=${encodeURIComponent('/c/c-5e0b7d21a4c3')}`);
    await logIn();
    expect(await screen.findByRole('heading', { name: 'prod-tokyo' })).toBeDefined();
    expect(locationOf(router)).toBe('/c/c-5e0b7d21a4c3');
  });
});
