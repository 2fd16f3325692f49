import { builtInRoleTemplates } from '@bokujo/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, type Route } from '@/testing/fake-server';
import { activeCluster, member, projectList, userList, viewer } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const shop = projectList()[1]!;
const membersPath = `/api/v1/projects/${shop.id}/members`;
const page = `/c/${cluster.id}/p/${shop.id}/members`;

function routes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    ...signedInRoutes({ clusters: [cluster] }),
    [`GET /api/v1/clusters/${cluster.id}`]: { body: cluster },
    [`GET /api/v1/clusters/${cluster.id}/projects`]: { body: { items: projectList() } },
    [`GET /api/v1/projects/${shop.id}`]: { body: shop },
    'GET /api/v1/role-templates': { body: { items: builtInRoleTemplates } },
    'GET /api/v1/users': { body: { items: userList() } },
    [`GET ${membersPath}`]: { body: { items: [member('taro', 'project-owner')] } },
    ...extra,
  };
}

describe('project members page', () => {
  it('adds a user with a role, with a refused username shown on its field', async () => {
    const server = fakeServer(
      routes({
        [`POST ${membersPath}`]: (request) =>
          (request.body as { subject: string }).subject === 'nobody'
            ? {
                status: 400,
                body: {
                  statusCode: 400,
                  code: 'VALIDATION_FAILED',
                  message: 'No user nobody',
                  details: [{ field: '/body/subject', reason: 'is not a user' }],
                },
              }
            : { status: 201, body: member('hanako', 'read-only') },
      }),
    );
    await renderApp({ path: page });
    expect(await screen.findByRole('heading', { name: 'Members of the project shop' })).toBeDefined();
    expect(await screen.findByText('Project Owner')).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a project member' });
    const username = within(dialog).getByLabelText(/^Username/);
    await userEvent.type(username, 'nobody');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByText('There is no user with this username')).toBeDefined();
    expect(username.getAttribute('aria-invalid')).toBe('true');

    await userEvent.clear(username);
    await userEvent.type(username, 'hanako');
    await userEvent.click(within(dialog).getByLabelText(/^Role/));
    await userEvent.click(await screen.findByRole('option', { name: 'Read-only' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.to(`POST ${membersPath}`)[1]?.body).toEqual({
      subjectKind: 'user',
      subject: 'hanako',
      roleTemplateId: 'read-only',
    });
  });

  it('removes a member only after a confirmation naming them and their role', async () => {
    const server = fakeServer(routes({ [`DELETE ${membersPath}/m-taro-project-owner`]: { status: 204 } }));
    await renderApp({ path: page });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove taro (Project Owner)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove taro' });
    expect(
      within(dialog).getByText('taro loses the role Project Owner here, in Bokujo and in Kubernetes.'),
    ).toBeDefined();
    expect(server.to(`DELETE ${membersPath}/m-taro-project-owner`)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(server.to(`DELETE ${membersPath}/m-taro-project-owner`)).toHaveLength(1));
  });

  it('tells a project member why they cannot change the members, in Japanese', async () => {
    fakeServer(
      routes({
        ...signedInRoutes({ me: viewer, clusters: [cluster] }),
        [`GET /api/v1/clusters/${cluster.id}/members`]: { body: { items: [] } },
        [`GET ${membersPath}`]: {
          body: {
            items: [member('hanako', 'project-member', { subject: viewer.id }), member('taro', 'project-owner')],
          },
        },
      }),
    );
    await renderApp({ language: 'ja', path: page });
    expect(await screen.findByRole('heading', { name: 'プロジェクト shop のメンバー' })).toBeDefined();
    expect(await screen.findByText('プロジェクトメンバー')).toBeDefined();
    const add = screen.getByRole('button', { name: 'メンバーを追加' });
    await waitFor(() => expect(add.getAttribute('aria-disabled')).toBe('true'));
    expect(add.getAttribute('aria-description')).toMatch(/プロジェクト所有者/);
    const remove = screen.getByRole('button', { name: 'taro (プロジェクト所有者) を削除' });
    expect(remove.getAttribute('aria-disabled')).toBe('true');
  });

  it('shows a refusal from the server as such', async () => {
    fakeServer(
      routes({
        [`GET ${membersPath}`]: {
          status: 403,
          body: { statusCode: 403, code: 'FORBIDDEN', message: 'You may not see the members of this project' },
        },
      }),
    );
    await renderApp({ path: page });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('You do not have permission')).toBeDefined();
    expect(within(alert).getByText('Bokujo said: You may not see the members of this project')).toBeDefined();
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
