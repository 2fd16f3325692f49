import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { cluster, k8s, storageRoutes } from '@/features/storage/testing/storage-routes';
import { fakeServer } from '@/testing/fake-server';
import { storageClassList } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';

const page = `/c/${cluster.id}/storage/classes`;
const setDefaultRoute = (name: string) => `PUT /api/v1/clusters/${cluster.id}/storage-classes/${name}/default`;

function rowOf(name: string) {
  const row = screen.getByText(name, { selector: 'p' }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row);
}

async function chooseFromMenu(className: string, item: string | RegExp) {
  await userEvent.click(await screen.findByRole('button', { name: `Actions for ${className}` }));
  await userEvent.click(await screen.findByRole('menuitem', { name: item }));
}

const errorBody = (statusCode: number, code: string, message: string) => ({
  status: statusCode,
  body: { statusCode, code, message },
});

describe('storage classes page', () => {
  it('lists each class with its provisioner, default mark, reclaim policy and binding mode', async () => {
    fakeServer(storageRoutes());
    await renderApp({ path: page });

    expect(await screen.findByRole('heading', { name: 'Storage classes' })).toBeDefined();
    for (const header of ['State', 'Name', 'Provisioner', 'Default', 'Reclaim policy', 'Binding mode']) {
      expect(await screen.findByRole('columnheader', { name: header })).toBeDefined();
    }
    const ontap = rowOf('ontap-gold');
    expect(ontap.getByText('Active')).toBeDefined();
    expect(ontap.getByText('csi.trident.netapp.io')).toBeDefined();
    expect(ontap.getByText('Default')).toBeDefined();
    expect(ontap.getByText('Delete')).toBeDefined();
    expect(ontap.getByText('Immediate')).toBeDefined();
    const solidfire = rowOf('solidfire-gold');
    expect(solidfire.queryByText('Default')).toBeNull();
    expect(solidfire.getByText('Retain')).toBeDefined();
    expect(solidfire.getByText('WaitForFirstConsumer')).toBeDefined();
    expect(screen.queryByText('More than one default StorageClass')).toBeNull();
    expect(screen.getByRole('link', { name: 'Create StorageClass' })).toBeDefined();
  });

  it('sets a class as the one default through Bokujo’s endpoint and says so', async () => {
    const server = fakeServer({
      ...storageRoutes(),
      [setDefaultRoute('solidfire-gold')]: {
        body: { defaultClasses: ['solidfire-gold'], changed: ['ontap-gold', 'solidfire-gold'] },
      },
    });
    document.cookie = 'bokujo_csrf=c5rf';
    await renderApp({ path: page });

    // A default class offers to unset it; another class offers to become the default.
    await userEvent.click(await screen.findByRole('button', { name: 'Actions for ontap-gold' }));
    expect(await screen.findByRole('menuitem', { name: 'Unset default' })).toBeDefined();
    expect(screen.queryByRole('menuitem', { name: 'Set as default' })).toBeNull();
    await userEvent.keyboard('{Escape}');

    await chooseFromMenu('solidfire-gold', 'Set as default');
    expect(await screen.findByText('solidfire-gold is now the default StorageClass')).toBeDefined();
    const [request] = server.to(setDefaultRoute('solidfire-gold'));
    expect(request?.body).toEqual({ default: true });
    expect(request?.headers.get('X-CSRF-Token')).toBe('c5rf');
    // The list is asked again at once rather than at the next poll.
    await waitFor(() =>
      expect(server.to(`GET ${k8s}/apis/storage.k8s.io/v1/storageclasses`).length).toBeGreaterThanOrEqual(2),
    );
  });

  it('unsets the default', async () => {
    const server = fakeServer({
      ...storageRoutes(),
      [setDefaultRoute('ontap-gold')]: { body: { defaultClasses: [], changed: ['ontap-gold'] } },
    });
    await renderApp({ path: page });
    await chooseFromMenu('ontap-gold', 'Unset default');
    expect(await screen.findByText('ontap-gold is no longer the default StorageClass')).toBeDefined();
    expect(server.to(setDefaultRoute('ontap-gold'))[0]?.body).toEqual({ default: false });
  });

  it('names the class and shows Kubernetes’ refusal when the person may not change it (403)', async () => {
    fakeServer({
      ...storageRoutes(),
      [setDefaultRoute('solidfire-gold')]: errorBody(
        403,
        'FORBIDDEN',
        'hanako may not change StorageClass ontap-gold: storageclasses.storage.k8s.io "ontap-gold" is forbidden',
      ),
    });
    await renderApp({ path: page });
    await chooseFromMenu('solidfire-gold', 'Set as default');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('solidfire-gold could not be set as the default')).toBeDefined();
    expect(within(alert).getByText(/your role does not allow changing StorageClasses/)).toBeDefined();
    expect(within(alert).getByText(/Reason: hanako may not change StorageClass ontap-gold/)).toBeDefined();
  });

  it('explains a conflict (409) and an unreachable cluster (502)', async () => {
    fakeServer({
      ...storageRoutes(),
      [setDefaultRoute('solidfire-gold')]: errorBody(
        409,
        'CONFLICT',
        'Someone changed the StorageClasses meanwhile; reload and try again',
      ),
      [setDefaultRoute('ontap-gold')]: errorBody(502, 'UPSTREAM_FAILED', 'connect ECONNREFUSED 10.0.12.5:6443'),
    });
    await renderApp({ path: page });
    await chooseFromMenu('solidfire-gold', 'Set as default');
    const conflict = await screen.findByRole('alert');
    expect(within(conflict).getByText(/The StorageClasses changed while this was being done/)).toBeDefined();
    expect(within(conflict).getByText(/Someone changed the StorageClasses meanwhile/)).toBeDefined();

    await chooseFromMenu('ontap-gold', 'Unset default');
    const upstream = await screen.findByText('ontap-gold could not be unset as the default');
    const alert = upstream.closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByText(/The cluster did not answer as expected/)).toBeDefined();
    expect(within(alert).getByText('Reason: connect ECONNREFUSED 10.0.12.5:6443')).toBeDefined();
  });

  it('warns when more than one class is default, counting the beta annotation too', async () => {
    const classes = storageClassList();
    classes.items[1]!.metadata.annotations = { 'storageclass.beta.kubernetes.io/is-default-class': 'true' };
    fakeServer({ ...storageRoutes(), [`GET ${k8s}/apis/storage.k8s.io/v1/storageclasses`]: { body: classes } });
    await renderApp({ path: page });

    expect(await screen.findByText('More than one default StorageClass')).toBeDefined();
    expect(
      screen.getByText(/ontap-gold and solidfire-gold are all marked default.*the newest of them, solidfire-gold\./),
    ).toBeDefined();
    expect(rowOf('solidfire-gold').getByText('Default')).toBeDefined();
    // Each default can still be made the only one.
    await userEvent.click(screen.getByRole('button', { name: 'Actions for ontap-gold' }));
    expect(await screen.findByRole('menuitem', { name: 'Set as default' })).toBeDefined();
    expect(screen.getByRole('menuitem', { name: 'Unset default' })).toBeDefined();
  });

  it('greys out what Kubernetes RBAC does not allow, saying why', async () => {
    const server = fakeServer(storageRoutes({ allow: ({ resource }) => resource !== 'storageclasses' }));
    await renderApp({ path: page });

    const create = await screen.findByRole('button', { name: 'Create StorageClass' });
    await waitFor(() => expect(create.hasAttribute('disabled')).toBe(true));
    expect(screen.getByText('Your role in this cluster does not allow creating StorageClasses.')).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Actions for solidfire-gold' }));
    const item = await screen.findByRole('menuitem', { name: /Set as default/ });
    await waitFor(() => expect(item.hasAttribute('disabled') || item.getAttribute('data-disabled')).toBeTruthy());
    expect(within(item).getByText('Your role in this cluster does not allow changing StorageClasses.')).toBeDefined();
    await userEvent.click(item);
    expect(server.to(setDefaultRoute('solidfire-gold'))).toHaveLength(0);
  });

  it('reads in Japanese with the Rancher labels', async () => {
    fakeServer(storageRoutes());
    await renderApp({ language: 'ja', path: page });

    expect(await screen.findByRole('heading', { name: 'ストレージクラス' })).toBeDefined();
    for (const header of [
      '状態',
      '名前',
      'プロビジョナー',
      'デフォルト',
      '再クレームポリシー',
      'バインディングモード',
    ]) {
      expect(await screen.findByRole('columnheader', { name: header })).toBeDefined();
    }
    expect(rowOf('ontap-gold').getByText('アクティブ')).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: 'solidfire-gold の操作' }));
    expect(await screen.findByRole('menuitem', { name: 'デフォルトに設定' })).toBeDefined();
  });
});
