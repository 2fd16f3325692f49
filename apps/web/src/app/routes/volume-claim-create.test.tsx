import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cluster, k8s, kubeStatus, storageRoutes } from '@/features/storage/testing/storage-routes';
import { fakeServer } from '@/testing/fake-server';
import { wordpressProject } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';

const page = `/c/${cluster.id}/p/${wordpressProject.id}/volume-claims/new`;
const createRoute = `POST ${k8s}/api/v1/namespaces/wordpress/persistentvolumeclaims`;

const preview = () => parse(screen.getByTestId('yaml-preview').textContent ?? '') as { spec: Record<string, unknown> };

async function choose(label: string | RegExp, option: string | RegExp) {
  await userEvent.click(screen.getByRole('combobox', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

async function setCapacity(value: string) {
  const capacity = screen.getByRole('textbox', { name: 'Capacity' });
  await userEvent.clear(capacity);
  if (value) await userEvent.type(capacity, value);
}

describe('create volume claim page', () => {
  it('asks the default class for a new volume in a namespace of the project', async () => {
    const server = fakeServer({ ...storageRoutes(), [createRoute]: { status: 201, body: {} } });
    document.cookie = 'bokujo_csrf=pvc';
    const { router } = await renderApp({ path: page });

    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'mysql-data');
    await choose('Namespace', 'wordpress');
    // The cluster's default class is chosen until the person picks another.
    await waitFor(() =>
      expect(screen.getByRole<HTMLInputElement>('combobox', { name: 'StorageClass' }).value).toBe(
        'ontap-gold (default)',
      ),
    );
    await setCapacity('20');
    await userEvent.click(screen.getByRole('checkbox', { name: /ReadWriteMany/ }));
    expect(preview().spec).toEqual({
      accessModes: ['ReadWriteOnce', 'ReadWriteMany'],
      resources: { requests: { storage: '20Gi' } },
      storageClassName: 'ontap-gold',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(locationOf(router)).toBe(`/c/${cluster.id}/p/${wordpressProject.id}/volume-claims`));
    const [request] = server.to(createRoute);
    expect(request?.headers.get('X-CSRF-Token')).toBe('pvc');
    expect(request?.body).toMatchObject({ metadata: { name: 'mysql-data', namespace: 'wordpress' } });
  });

  it('clones a Bound claim through spec.dataSource, no smaller than its source', async () => {
    const server = fakeServer({ ...storageRoutes(), [createRoute]: { status: 201, body: {} } });
    await renderApp({ path: page });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'mysql-clone');
    await choose('Namespace', 'wordpress');
    // Only Bound claims can be cloned: the Pending wp-pv-claim is not offered.
    await userEvent.click(screen.getByRole('combobox', { name: /Clone of/ }));
    expect(screen.queryByRole('option', { name: 'wp-pv-claim' })).toBeNull();
    await userEvent.click(await screen.findByRole('option', { name: 'mysql-pv-claim' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('A clone must be at least as large as its source (20 GiB).')).toBeDefined();
    expect(server.to(createRoute)).toHaveLength(0);

    await setCapacity('20');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(server.to(createRoute)).toHaveLength(1));
    expect(server.to(createRoute)[0]?.body).toMatchObject({
      spec: { dataSource: { kind: 'PersistentVolumeClaim', name: 'mysql-pv-claim' }, storageClassName: 'ontap-gold' },
    });
  });

  it('binds an existing Available volume by name and class', async () => {
    const server = fakeServer({ ...storageRoutes(), [createRoute]: { status: 201, body: {} } });
    await renderApp({ path: page });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'archive');
    await choose('Namespace', 'wordpress');
    await userEvent.click(screen.getByRole('radio', { name: 'Use an existing persistent volume' }));
    await choose('Persistent volume', 'nfs-archive (1.5 GiB)');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('The volume holds 1.5 GiB; ask for at most that.')).toBeDefined();

    await setCapacity('1');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(server.to(createRoute)).toHaveLength(1));
    expect(server.to(createRoute)[0]?.body).toMatchObject({
      spec: { volumeName: 'nfs-archive', storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } },
    });
  });

  it('says what is wrong with each field', async () => {
    const server = fakeServer(storageRoutes());
    await renderApp({ path: page });
    await screen.findByRole('textbox', { name: 'Name' });
    await setCapacity('');
    await userEvent.click(screen.getByRole('checkbox', { name: /ReadWriteOnce\b/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('Enter a name.')).toBeDefined();
    expect(screen.getByText('Choose a namespace.')).toBeDefined();
    expect(screen.getByText('Enter the capacity.')).toBeDefined();
    expect(screen.getByText('Choose at least one access mode.')).toBeDefined();

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'mysql-pv-claim');
    await choose('Namespace', 'wordpress');
    expect(
      await screen.findByText('A volume claim named mysql-pv-claim already exists in this namespace.'),
    ).toBeDefined();
    await setCapacity('0');
    expect(screen.getByText('Enter a whole number of GiB, at least 1.')).toBeDefined();
    expect(server.requests.filter((request) => request.method === 'POST' && request.path.includes('claims'))).toEqual(
      [],
    );
  });

  it('shows the server’s refusal and holds the button back where RBAC denies creating', async () => {
    fakeServer({
      ...storageRoutes({ allow: ({ namespace }) => namespace !== 'wordpress-staging' }),
      [createRoute]: kubeStatus(
        403,
        'Forbidden',
        'persistentvolumeclaims "big" is forbidden: exceeded quota: wordpress, requested: requests.storage=500Gi',
      ),
    });
    await renderApp({ path: page });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'big');
    await choose('Namespace', 'wordpress-staging');
    expect(
      await screen.findByText('Your role does not allow creating volume claims in wordpress-staging.'),
    ).toBeDefined();
    expect(screen.getByRole('button', { name: 'Create' }).hasAttribute('disabled')).toBe(true);

    await choose('Namespace', 'wordpress');
    await setCapacity('500');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Create' }).hasAttribute('disabled')).toBe(false));
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The volume claim big was not created')).toBeDefined();
    expect(within(alert).getByText(/exceeded quota: wordpress/)).toBeDefined();
  });

  it('reads in Japanese with the Rancher labels', async () => {
    fakeServer(storageRoutes());
    await renderApp({ language: 'ja', path: page });
    expect(await screen.findByRole('heading', { name: '永続ボリューム要求の作成' })).toBeDefined();
    expect(
      await screen.findByRole('radio', { name: '新しい永続ボリュームの作成にストレージクラスを使用' }),
    ).toBeDefined();
    expect(screen.getByRole('radio', { name: '既存の永続ボリュームを使用' })).toBeDefined();
    expect(screen.getByRole('checkbox', { name: '単一ノード読み取り/書き込み (ReadWriteOnce、RWO)' })).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: '作成' }));
    expect(await screen.findByText('名前空間を選んでください。')).toBeDefined();
  });
});
