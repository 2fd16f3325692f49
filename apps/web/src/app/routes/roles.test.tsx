import { builtInRoleTemplates } from '@bokujo/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { globalRoleList, viewer } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const routes = {
  'GET /api/v1/global-roles': { body: { items: globalRoleList() } },
  'GET /api/v1/role-templates': { body: { items: builtInRoleTemplates } },
};

function rowOf(name: string) {
  const row = screen.getByText(name, { selector: 'p' }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row);
}

describe('roles page', () => {
  it('lists global roles and role templates with what each grants', async () => {
    fakeServer({ ...signedInRoutes(), ...routes });
    await renderApp({ path: '/roles' });
    expect(await screen.findByRole('heading', { name: 'Cluster roles' })).toBeDefined();
    await screen.findByText('Auditor', { selector: 'p' });
    expect(rowOf('Auditor').getByText('Custom')).toBeDefined();
    expect(rowOf('Auditor').getByText('Read the audit log')).toBeDefined();
    expect(rowOf('User-Base').getByText('Sign in only')).toBeDefined();
    expect(rowOf('Project Owner').getByText('everything in Kubernetes “admin”')).toBeDefined();
    expect(
      rowOf('Manage Volumes').getByText(
        'get, list, watch, create, update, patch, delete, deletecollection on persistentvolumeclaims',
      ),
    ).toBeDefined();
  });

  it('creates a custom global role with a refused id shown on its field', async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      ...routes,
      'POST /api/v1/global-roles': {
        status: 409,
        body: {
          statusCode: 409,
          code: 'CONFLICT',
          message: 'exists',
          details: [{ field: '/body/id', reason: 'is taken' }],
        },
      },
    });
    await renderApp({ path: '/roles' });
    await userEvent.click(await screen.findByRole('button', { name: 'Create global role' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create global role' });
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'Auditor');
    await userEvent.type(within(dialog).getByLabelText(/^ID/), 'auditor');
    await userEvent.click(within(dialog).getByLabelText('Read the audit log'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('This name is already taken')).toBeDefined();
    expect(server.to('POST /api/v1/global-roles')[0]?.body).toEqual({
      id: 'auditor',
      name: 'Auditor',
      permissions: ['audit:read'],
    });
  });

  it('shows the roles in Japanese to everyone, and creating them only to who may', async () => {
    fakeServer({ ...signedInRoutes({ me: viewer }), ...routes });
    await renderApp({ language: 'ja', path: '/roles' });
    expect(await screen.findByRole('heading', { name: 'プロジェクトロール' })).toBeDefined();
    expect(await screen.findByText('プロジェクトメンバー', { selector: 'p' })).toBeDefined();
    const create = screen.getByRole('button', { name: 'グローバルロールを作成' });
    await waitFor(() => expect(create.getAttribute('aria-disabled')).toBe('true'));
    expect(create.getAttribute('aria-description')).toBe('ロールの作成には権限「ロールの管理」が必要です。');
  });
});
