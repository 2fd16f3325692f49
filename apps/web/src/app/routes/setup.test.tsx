import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { admin, bootstrapAdmin } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

function firstRunServer() {
  let setupDone = false;
  return fakeServer({
    ...signedInRoutes(),
    'GET /api/v1/me': () => ({ body: setupDone ? admin : bootstrapAdmin }),
    'GET /api/v1/setup': () => ({
      body: { setupRequired: !setupDone, serverUrl: setupDone ? 'http://localhost:3000' : null },
    }),
    'POST /api/v1/setup': (request) => {
      setupDone = true;
      const { serverUrl } = request.body as { serverUrl: string };
      return {
        body: {
          user: admin,
          serverUrl,
          warnings: [
            'The server URL is a loopback address: kubeconfigs and other machines cannot reach it',
            'The server URL is not https: sessions and tokens travel in clear',
          ],
        },
      };
    },
  });
}

describe('first-run setup', () => {
  it('takes the bootstrap administrator to setup and checks the new password before sending', async () => {
    const server = firstRunServer();
    document.cookie = 'bokujo_csrf=csrf-from-login';
    const { router } = await renderApp({ path: '/clusters' });

    expect(await screen.findByRole('heading', { name: 'Welcome to Bokujo' })).toBeDefined();
    expect(locationOf(router)).toBe(`/setup?next=${encodeURIComponent('/clusters')}`);
    const serverUrl = screen.getByLabelText<HTMLInputElement>(/Server URL/);
    expect(serverUrl.value).toBe(window.location.origin);
    // jsdom's origin is http://localhost: both warnings show before anything is sent.
    expect(
      screen.getByText('This is a loopback address: kubeconfig files and other machines cannot reach it.'),
    ).toBeDefined();

    const password = screen.getByLabelText(/^New password/);
    const confirm = screen.getByLabelText(/^Confirm the new password/);
    await userEvent.type(password, 'too-short');
    await userEvent.type(confirm, 'too-short');
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(screen.getByText('The password needs at least 12 characters.')).toBeDefined();

    await userEvent.clear(password);
    await userEvent.type(password, 'long enough passphrase');
    await userEvent.clear(confirm);
    await userEvent.type(confirm, 'long enough passphrase?');
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(screen.getByText('The two passwords do not match.')).toBeDefined();
    expect(server.to('POST /api/v1/setup')).toHaveLength(0);

    await userEvent.clear(confirm);
    await userEvent.type(confirm, 'long enough passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }));

    expect(await screen.findByText('The server warns')).toBeDefined();
    expect(screen.getByText('This address is not https: sessions and tokens would travel unencrypted.')).toBeDefined();
    const [request] = server.to('POST /api/v1/setup');
    expect(request?.body).toEqual({ newPassword: 'long enough passphrase', serverUrl: window.location.origin });
    expect(request?.headers.get('X-CSRF-Token')).toBe('csrf-from-login');

    await userEvent.click(screen.getByRole('button', { name: 'Continue to the clusters' }));
    expect(await screen.findByRole('heading', { name: 'Clusters' })).toBeDefined();
    expect(locationOf(router)).toBe('/clusters');
  });

  it('shows the server’s warnings translated in Japanese', async () => {
    firstRunServer();
    await renderApp({ language: 'ja', path: '/setup' });
    await userEvent.type(await screen.findByLabelText(/^新しいパスワード(?! \()/), 'まきばのながいパスフレーズ');
    await userEvent.type(screen.getByLabelText(/^新しいパスワード \(確認\)/), 'まきばのながいパスフレーズ');
    await userEvent.click(screen.getByRole('button', { name: '保存して続行' }));
    const title = await screen.findByText('サーバーからの警告');
    const alert = title.closest('.mantine-Alert-root') as HTMLElement;
    expect(
      within(alert).getByText('https ではありません。セッションとトークンが暗号化されずに送信されます。'),
    ).toBeDefined();
    expect(within(alert).queryByText(/not https/)).toBeNull();
  });
});
