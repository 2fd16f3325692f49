import { builtInRoleTemplates } from '@bokujo/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, type Route } from '@/testing/fake-server';
import { activeCluster, member, projectList, projectNamespace, viewer } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const base = `/api/v1/clusters/${cluster.id}`;

function projectRoutes(projects = projectList()): Record<string, Route> {
  return {
    ...signedInRoutes({ clusters: [cluster] }),
    [`GET ${base}`]: { body: cluster },
    [`GET ${base}/projects`]: { body: { items: projects } },
    'GET /api/v1/role-templates': { body: { items: builtInRoleTemplates } },
    'GET /api/v1/projects/p-default001/namespaces': { body: { items: [projectNamespace('default', 'p-default001')] } },
    'GET /api/v1/projects/p-shop00001/namespaces': {
      body: { items: [projectNamespace('shop-web', 'p-shop00001'), projectNamespace('shop-db', 'p-shop00001')] },
    },
    'GET /api/v1/projects/p-system001/namespaces': {
      body: { items: [projectNamespace('kube-system', 'p-system001')] },
    },
    [`GET /k8s/clusters/${cluster.id}/api/v1/namespaces`]: {
      body: { kind: 'NamespaceList', items: [{ metadata: { name: 'legacy' }, status: { phase: 'Active' } }] },
    },
  };
}

const section = async (name: string) => within(await screen.findByRole('region', { name }));

describe('projects and namespaces page', () => {
  it('shows each project with its namespaces, and the namespaces in no project', async () => {
    fakeServer(projectRoutes());
    await renderApp({ path: `/c/${cluster.id}/projects` });
    expect(await screen.findByRole('heading', { name: 'Projects/Namespaces' })).toBeDefined();
    expect(await (await section('shop')).findByText('shop-db')).toBeDefined();
    expect((await section('shop')).getByText('Online shop')).toBeDefined();
    expect(await (await section('System')).findByText('kube-system')).toBeDefined();
    expect(await (await section('Not in a project')).findByText('legacy')).toBeDefined();
    // The projects that come with the cluster cannot be deleted; the button says why.
    const deleteSystem = (await section('System')).getByRole('button', { name: 'Delete the project System' });
    expect(deleteSystem.getAttribute('aria-disabled')).toBe('true');
    expect(deleteSystem.getAttribute('aria-description')).toBe('System comes with the cluster and cannot be deleted.');
  });

  it('shows a taken namespace name on its field', async () => {
    const server = fakeServer({
      ...projectRoutes(),
      'POST /api/v1/projects/p-shop00001/namespaces': {
        status: 409,
        body: {
          statusCode: 409,
          code: 'CONFLICT',
          message: 'A namespace named "legacy" exists',
          details: [{ field: '/body/name', reason: 'is taken' }],
        },
      },
    });
    await renderApp({ path: `/c/${cluster.id}/projects` });
    await userEvent.click(await screen.findByRole('button', { name: 'Create a namespace in shop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a namespace in shop' });
    const name = within(dialog).getByLabelText(/^Namespace name/);
    await userEvent.type(name, 'Legacy');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText(/Use lower-case letters/)).toBeDefined();
    await userEvent.clear(name);
    await userEvent.type(name, 'legacy');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('This name is already taken')).toBeDefined();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(server.to('POST /api/v1/projects/p-shop00001/namespaces')[0]?.body).toEqual({ name: 'legacy' });
  });

  it('moves a namespace to another project', async () => {
    const server = fakeServer({
      ...projectRoutes(),
      [`PUT ${base}/namespaces/shop-db/project`]: { body: projectNamespace('shop-db', 'p-default001') },
    });
    await renderApp({ path: `/c/${cluster.id}/projects` });
    await userEvent.click(await screen.findByRole('button', { name: 'Move shop-db' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move shop-db' });
    await userEvent.click(within(dialog).getByLabelText(/^Move to/));
    // Not the project it is in; "in no project" is offered to who may manage all projects.
    expect(screen.queryByRole('option', { name: 'shop' })).toBeNull();
    expect(screen.getByRole('option', { name: 'Not in a project' })).toBeDefined();
    await userEvent.click(screen.getByRole('option', { name: 'Default' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.to(`PUT ${base}/namespaces/shop-db/project`)[0]?.body).toEqual({ projectId: 'p-default001' });
  });

  it('deletes a project after a confirmation; deleting its namespaces too needs its name typed', async () => {
    const server = fakeServer({
      ...projectRoutes(),
      'DELETE /api/v1/projects/p-shop00001': { body: { namespaces: ['shop-web', 'shop-db'], namespacesDeleted: true } },
    });
    await renderApp({ path: `/c/${cluster.id}/projects` });
    await (await section('shop')).findByText('shop-db');
    await userEvent.click((await section('shop')).getByRole('button', { name: 'Delete the project shop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the project shop' });
    expect(within(dialog).getByText('Otherwise its namespaces (2) keep running outside any project.')).toBeDefined();
    await userEvent.click(within(dialog).getByLabelText('Also delete its namespaces (2) with everything in them'));
    const confirm = within(dialog).getByRole('button', { name: 'Delete' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(within(dialog).getByLabelText('Type shop to confirm'), 'shop');
    await userEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.to('DELETE /api/v1/projects/p-shop00001')[0]?.path).toBe(
      '/api/v1/projects/p-shop00001?deleteNamespaces=true',
    );
  });

  it('offers a project member only what their role allows, and says why not the rest', async () => {
    const mine = projectList().filter((project) => project.id === 'p-shop00001');
    const server = fakeServer({
      ...projectRoutes(mine),
      ...signedInRoutes({ me: viewer, clusters: [cluster] }),
      [`GET ${base}/members`]: { body: { items: [] } },
      'GET /api/v1/projects/p-shop00001/members': {
        body: { items: [member('hanako', 'project-member', { subject: viewer.id })] },
      },
    });
    await renderApp({ path: `/c/${cluster.id}/projects` });
    expect(await (await section('shop')).findByText('shop-db')).toBeDefined();
    const create = screen.getByRole('button', { name: 'Create project' });
    expect(create.getAttribute('aria-disabled')).toBe('true');
    expect(create.getAttribute('aria-description')).toMatch(/needs a cluster role that allows it/);
    await userEvent.click(create);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await section('shop')).getByRole('button', { name: 'Move shop-db' }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    expect(screen.queryByRole('region', { name: 'Not in a project' })).toBeNull();
    expect(server.to(`GET /k8s/clusters/${cluster.id}/api/v1/namespaces`)).toHaveLength(0);
  });

  it('switches projects from the top bar', async () => {
    fakeServer({
      ...projectRoutes(),
      'GET /api/v1/projects/p-shop00001': { body: projectList()[1] },
    });
    const { router } = await renderApp({ language: 'ja', path: `/c/${cluster.id}/projects` });
    expect(await screen.findByRole('heading', { name: 'プロジェクト/名前空間' })).toBeDefined();
    await userEvent.click(await screen.findByLabelText('プロジェクト', { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'shop' }));
    await waitFor(() => expect(locationOf(router)).toBe(`/c/${cluster.id}/p/p-shop00001`));
    expect(await screen.findByRole('heading', { name: 'shop', level: 2 })).toBeDefined();
    const nav = screen.getByRole('navigation', { name: 'メインナビゲーション' });
    expect(within(nav).getByText('shop')).toBeDefined();
    expect(await screen.findByText('名前空間: 2 個')).toBeDefined();
    expect(screen.getByText('クォータなし: 名前空間はクラスターのリソースを制限なく使えます。')).toBeDefined();
  });
});
