import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, type Reply } from '@/testing/fake-server';
import { globalRoleList, userList, viewer } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const accessRoutes = {
  'GET /api/v1/users': { body: { items: userList() } },
  'GET /api/v1/global-roles': { body: { items: globalRoleList() } },
};

const refusal = (
  status: number,
  code: string,
  message: string,
  details?: { field: string; reason: string }[],
): Reply => ({
  status,
  body: { statusCode: status, code, message, ...(details ? { details } : {}) },
});

function rowOf(username: string) {
  const row = screen.getByText(username, { selector: 'p' }).closest('tr');
  if (!row) throw new Error(`no row for ${username}`);
  return within(row);
}

async function openRowAction(username: string, action: string, menuLabel = `Actions for ${username}`) {
  await userEvent.click(await screen.findByRole('button', { name: menuLabel }));
  await userEvent.click(await screen.findByRole('menuitem', { name: new RegExp(`^${action}`) }));
}

describe('users page', () => {
  it('lists users with their global roles, state and creation date', async () => {
    fakeServer({ ...signedInRoutes(), ...accessRoutes });
    await renderApp({ path: '/users' });

    expect(await screen.findByRole('heading', { name: 'Users' })).toBeDefined();
    await screen.findByText('hanako', { selector: 'p' });
    expect(rowOf('admin').getByText('Administrator')).toBeDefined();
    expect(rowOf('hanako').getByText('山田 花子')).toBeDefined();
    expect(rowOf('hanako').getByText('User-Base')).toBeDefined();
    expect(rowOf('hanako').getByText('Must change password')).toBeDefined();
    expect(rowOf('taro').getByText('Disabled')).toBeDefined();
    expect(rowOf('taro').getByText('Standard User')).toBeDefined();
    expect(rowOf('taro').getByText(/Mar 2, 2026/)).toBeDefined();
  });

  it('shows a taken username on its field, then creates the user with the CSRF header', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      ...accessRoutes,
      'POST /api/v1/users': (request) =>
        (request.body as { username: string }).username === 'hanako'
          ? refusal(409, 'CONFLICT', 'A user named "hanako" exists', [{ field: '/body/username', reason: 'is taken' }])
          : { status: 201, body: { ...userList()[1], id: 'u-new', username: 'jiro' } },
    });
    document.cookie = 'bokujo_csrf=c0ffee';
    await renderApp({ path: '/users' });

    await userEvent.click(await screen.findByRole('button', { name: 'Create user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create user' });
    await userEvent.type(within(dialog).getByLabelText(/^Username/), 'hanako');
    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'short');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    // Checked before asking the server: the server's rule, said in the person's language.
    expect(await within(dialog).findByText('Use at least 12 characters')).toBeDefined();
    expect(server.to('POST /api/v1/users')).toHaveLength(0);

    await userEvent.clear(within(dialog).getByLabelText(/^Password/));
    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'meadow grass in spring');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    const username = within(dialog).getByLabelText(/^Username/);
    await waitFor(() => expect(username.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('This name is already taken')).toBeDefined();

    await userEvent.clear(username);
    await userEvent.type(username, 'jiro');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Create user' })).toBeNull());

    const [, created] = server.to('POST /api/v1/users');
    expect(created?.headers.get('X-CSRF-Token')).toBe('c0ffee');
    expect(created?.body).toEqual({
      username: 'jiro',
      password: 'meadow grass in spring',
      globalRoles: ['user'],
      mustChangePassword: true,
    });
  });

  it('disables a user only after a confirmation, and enables them again directly', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      ...accessRoutes,
      'PATCH /api/v1/users/u-77d01b3e': { body: { ...userList()[1], enabled: false } },
      'PATCH /api/v1/users/u-0c4ffee1': { body: { ...userList()[2], enabled: true } },
    });
    await renderApp({ path: '/users' });

    await openRowAction('hanako', 'Disable');
    const dialog = await screen.findByRole('dialog', { name: 'Disable hanako' });
    expect(within(dialog).getByText(/hanako is signed out everywhere/)).toBeDefined();
    // Cancel has the focus: Enter does not disable anyone by accident.
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(server.to('PATCH /api/v1/users/u-77d01b3e')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.to('PATCH /api/v1/users/u-77d01b3e')[0]?.body).toEqual({ enabled: false });

    await openRowAction('taro', 'Enable');
    await waitFor(() => expect(server.to('PATCH /api/v1/users/u-0c4ffee1')[0]?.body).toEqual({ enabled: true }));
  });

  it('edits only what changed: the global roles', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      ...accessRoutes,
      'PATCH /api/v1/users/u-0c4ffee1': { body: userList()[2] },
    });
    await renderApp({ path: '/users' });
    await openRowAction('taro', 'Edit');
    const dialog = await screen.findByRole('dialog', { name: 'Edit taro' });
    await userEvent.click(within(dialog).getByLabelText(/^Global roles/));
    await userEvent.click(await screen.findByRole('option', { name: 'Auditor' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(server.to('PATCH /api/v1/users/u-0c4ffee1')[0]?.body).toEqual({ globalRoles: ['user', 'auditor'] }),
    );
  });

  it('says clearly when the server refuses a password reset', async () => {
    fakeServer({
      ...signedInRoutes(),
      ...accessRoutes,
      'PUT /api/v1/users/u-0c4ffee1/password': refusal(403, 'FORBIDDEN', 'You may not grant rights you do not hold'),
    });
    await renderApp({ path: '/users' });
    await openRowAction('taro', 'Reset password');
    const dialog = await screen.findByRole('dialog', { name: 'Reset the password of taro' });
    await userEvent.type(within(dialog).getByLabelText(/^New password(?! \()/), 'hay bales in the barn');
    await userEvent.type(within(dialog).getByLabelText(/^New password \(again\)/), 'hay bales in the barn');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('The password was not reset')).toBeDefined();
    expect(within(alert).getByText('You may not grant rights you do not hold')).toBeDefined();
  });

  it('keeps people who may not manage users away, without asking the server', async () => {
    const server = fakeServer({ ...signedInRoutes({ me: viewer }), ...accessRoutes });
    await renderApp({ path: '/users' });
    expect(await screen.findByText('You do not have permission')).toBeDefined();
    expect(screen.getByText(/needs the permission “Manage users”/)).toBeDefined();
    expect(server.to('GET /api/v1/users')).toHaveLength(0);
  });

  it('is in Japanese', async () => {
    fakeServer({ ...signedInRoutes(), ...accessRoutes });
    await renderApp({ language: 'ja', path: '/users' });
    expect(await screen.findByRole('heading', { name: 'ユーザー' })).toBeDefined();
    expect(await screen.findByRole('columnheader', { name: 'グローバルロール' })).toBeDefined();
    for (const header of ['ユーザー', 'グローバルロール', '状態', '作成日時']) {
      expect(screen.getByRole('columnheader', { name: header })).toBeDefined();
    }
    expect(await screen.findByText('管理者')).toBeDefined();
    expect(rowOf('taro').getByText('無効')).toBeDefined();
    expect(rowOf('hanako').getByText('ユーザーベース')).toBeDefined();
    await openRowAction('hanako', 'パスワードをリセット', 'hanako の操作');
    expect(await screen.findByRole('dialog', { name: 'hanako のパスワードをリセット' })).toBeDefined();
  });
});
