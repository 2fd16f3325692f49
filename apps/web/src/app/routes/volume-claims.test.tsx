import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { cluster, k8s, kubeStatus, storageRoutes } from '@/features/storage/testing/storage-routes';
import { fakeServer } from '@/testing/fake-server';
import { wordpressProject } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';

const page = `/c/${cluster.id}/p/${wordpressProject.id}/volume-claims`;
const claimPath = (name: string) => `${k8s}/api/v1/namespaces/wordpress/persistentvolumeclaims/${name}`;

function rowOf(name: string) {
  const row = screen.getByText(name, { selector: 'p' }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row);
}

async function openMenu(name: string) {
  await userEvent.click(await screen.findByRole('button', { name: `Actions for ${name}` }));
}

describe('volume claims page', () => {
  it('lists the claims of every namespace in the project, one namespace at a time', async () => {
    const server = fakeServer(storageRoutes());
    await renderApp({ path: page });

    expect(await screen.findByRole('heading', { name: 'Volume claims' })).toBeDefined();
    expect(await screen.findByText('PersistentVolumeClaims in the namespaces of the project WordPress.')).toBeDefined();
    for (const header of ['State', 'Name', 'Namespace', 'Status', 'Volume', 'Capacity', 'Access modes', 'Age']) {
      expect(await screen.findByRole('columnheader', { name: header })).toBeDefined();
    }
    const mysql = rowOf('mysql-pv-claim');
    expect(mysql.getByText('Active')).toBeDefined();
    expect(mysql.getByText('wordpress')).toBeDefined();
    expect(mysql.getByText('Bound')).toBeDefined();
    expect(mysql.getByText('pvc-1')).toBeDefined();
    expect(mysql.getByText('20 GiB')).toBeDefined();
    expect(mysql.getByText('RWO')).toBeDefined();
    expect(mysql.getByText('2 hours ago')).toBeDefined();
    const wp = rowOf('wp-pv-claim');
    expect(wp.getAllByText('Pending')).toHaveLength(2);
    expect(wp.getByText('10 GiB')).toBeDefined();
    expect(wp.getByText('RWX')).toBeDefined();

    const paths = server.requests.map((request) => request.path);
    expect(paths).toContain(`${k8s}/api/v1/namespaces/wordpress/persistentvolumeclaims`);
    expect(paths).toContain(`${k8s}/api/v1/namespaces/wordpress-staging/persistentvolumeclaims`);
    expect(paths).not.toContain(`${k8s}/api/v1/persistentvolumeclaims`);
  });

  it('deletes a claim after a confirmation that names it', async () => {
    const server = fakeServer({ ...storageRoutes(), [`DELETE ${claimPath('mysql-pv-claim')}`]: { body: {} } });
    document.cookie = 'bokujo_csrf=del';
    await renderApp({ path: page });

    await openMenu('mysql-pv-claim');
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete volume claim mysql-pv-claim' });
    expect(
      within(dialog).getByText(/The claim mysql-pv-claim in the namespace wordpress will be deleted/),
    ).toBeDefined();
    expect(within(dialog).getByText(/Its volume pvc-1 is then deleted or kept/)).toBeDefined();
    expect(server.to(`DELETE ${claimPath('mysql-pv-claim')}`)).toHaveLength(0);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.to(`DELETE ${claimPath('mysql-pv-claim')}`)[0]?.headers.get('X-CSRF-Token')).toBe('del');
  });

  it('expands a claim whose class allows it with a merge patch of the requested size', async () => {
    const server = fakeServer({ ...storageRoutes(), [`PATCH ${claimPath('mysql-pv-claim')}`]: { body: {} } });
    await renderApp({ path: page });

    await openMenu('mysql-pv-claim');
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Expand' }));
    const dialog = await screen.findByRole('dialog', { name: 'Expand volume claim mysql-pv-claim' });
    expect(within(dialog).getByText('The claim now asks for 20 GiB.')).toBeDefined();
    const size = within(dialog).getByRole('textbox', { name: 'New size' });
    await userEvent.clear(size);
    await userEvent.type(size, '20');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Expand' }));
    expect(await within(dialog).findByText('Enter a whole number of GiB larger than 20 GiB.')).toBeDefined();
    expect(server.to(`PATCH ${claimPath('mysql-pv-claim')}`)).toHaveLength(0);

    await userEvent.clear(size);
    await userEvent.type(size, '25');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Expand' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [patch] = server.to(`PATCH ${claimPath('mysql-pv-claim')}`);
    expect(patch?.headers.get('content-type')).toBe('application/merge-patch+json');
    expect(patch?.body).toEqual({ spec: { resources: { requests: { storage: '25Gi' } } } });
  });

  it('shows a resize under way, and offers expansion only where the class allows it', async () => {
    const routes = storageRoutes();
    const claims = (
      routes[`GET ${k8s}/api/v1/namespaces/wordpress/persistentvolumeclaims`] as {
        body: { items: { spec: { resources: { requests: { storage: string } } } }[] };
      }
    ).body;
    claims.items[0]!.spec.resources.requests.storage = '30Gi';
    fakeServer(routes);
    await renderApp({ path: page });
    expect(await screen.findByText('resizing to 30 GiB')).toBeDefined();

    await openMenu('wp-pv-claim');
    const expand = await screen.findByRole('menuitem', { name: /Expand/ });
    expect(expand.hasAttribute('disabled') || expand.getAttribute('data-disabled')).toBeTruthy();
    expect(within(expand).getByText('Its StorageClass solidfire-gold does not allow volume expansion.')).toBeDefined();
  });

  it('disables what RBAC denies, with the reason, and keeps the namespaces it can read', async () => {
    fakeServer({
      ...storageRoutes({ allow: ({ verb }) => verb === 'list' || verb === 'get' }),
      [`GET ${k8s}/api/v1/namespaces/wordpress-staging/persistentvolumeclaims`]: kubeStatus(
        403,
        'Forbidden',
        'persistentvolumeclaims is forbidden: User "hanako" cannot list resource "persistentvolumeclaims" in the namespace "wordpress-staging"',
      ),
    });
    await renderApp({ path: page });

    expect(await screen.findByText('The volume claims in wordpress-staging could not be loaded')).toBeDefined();
    expect(await screen.findByText('mysql-pv-claim')).toBeDefined();
    const create = screen.getByRole('button', { name: 'Create volume claim' });
    await waitFor(() => expect(create.hasAttribute('disabled')).toBe(true));
    expect(
      await screen.findByText('Your role does not allow creating volume claims in any namespace of this project.'),
    ).toBeDefined();

    await openMenu('mysql-pv-claim');
    const remove = await screen.findByRole('menuitem', { name: /Delete/ });
    await waitFor(() =>
      expect(within(remove).getByText('Your role does not allow deleting volume claims in wordpress.')).toBeDefined(),
    );
    expect(remove.hasAttribute('disabled') || remove.getAttribute('data-disabled')).toBeTruthy();
  });

  it('reads in Japanese', async () => {
    fakeServer(storageRoutes());
    await renderApp({ language: 'ja', path: page });
    expect(await screen.findByRole('heading', { name: '永続ボリューム要求' })).toBeDefined();
    for (const header of [
      '状態',
      '名前',
      '名前空間',
      'ステータス',
      'ボリューム',
      '容量',
      'アクセスモード',
      'ストレージクラス',
      '経過時間',
    ]) {
      expect(await screen.findByRole('columnheader', { name: header })).toBeDefined();
    }
    expect(await screen.findByText('2 時間前')).toBeDefined();
    expect(screen.getByRole('link', { name: '永続ボリューム要求を作成' })).toBeDefined();
  });
});
