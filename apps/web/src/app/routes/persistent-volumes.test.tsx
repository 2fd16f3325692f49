import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { cluster, k8s, kubeStatus, storageRoutes } from '@/features/storage/testing/storage-routes';
import { fakeServer } from '@/testing/fake-server';
import { renderApp } from '@/testing/render-app';

const page = `/c/${cluster.id}/storage/volumes`;

function rowOf(name: string) {
  const row = screen.getByText(name, { selector: 'p' }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row);
}

describe('persistent volumes page', () => {
  it('shows each volume’s size, modes, policy, phase, claim and class', async () => {
    fakeServer(storageRoutes());
    await renderApp({ path: page });

    expect(await screen.findByRole('heading', { name: 'Persistent volumes' })).toBeDefined();
    for (const header of ['State', 'Name', 'Capacity', 'Access modes', 'Reclaim policy', 'Status', 'Claim']) {
      expect(await screen.findByRole('columnheader', { name: header })).toBeDefined();
    }
    expect(screen.getByRole('columnheader', { name: 'StorageClass' })).toBeDefined();
    expect(screen.getByRole('columnheader', { name: 'Reason' })).toBeDefined();

    const bound = rowOf('pvc-1');
    expect(bound.getByText('Active')).toBeDefined();
    expect(bound.getByText('20 GiB')).toBeDefined();
    expect(bound.getByText('RWO')).toBeDefined();
    expect(bound.getByText('Bound')).toBeDefined();
    expect(bound.getByText('wordpress/mysql-pv-claim')).toBeDefined();
    expect(bound.getByText('ontap-gold')).toBeDefined();

    const available = rowOf('nfs-archive');
    expect(available.getByText('1.5 GiB')).toBeDefined();
    expect(available.getByText('RWX, ROX')).toBeDefined();
    expect(available.getAllByText('Available')).toHaveLength(2);

    const failed = rowOf('old-logs');
    expect(failed.getByText('Failed', { selector: 'span' })).toBeDefined();
    expect(failed.getByText('VolumeFailedRecycle')).toBeDefined();
  });

  it('says why when the person may not list volumes of the cluster', async () => {
    fakeServer({
      ...storageRoutes(),
      [`GET ${k8s}/api/v1/persistentvolumes`]: kubeStatus(
        403,
        'Forbidden',
        'persistentvolumes is forbidden: User "hanako" cannot list resource "persistentvolumes" in API group "" at the cluster scope',
      ),
    });
    await renderApp({ path: page });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The PersistentVolumes could not be loaded')).toBeDefined();
    expect(within(alert).getByText(/cannot list resource "persistentvolumes"/)).toBeDefined();
  });

  it('reads in Japanese, with sizes in the Japanese number format', async () => {
    fakeServer(storageRoutes());
    await renderApp({ language: 'ja', path: page });
    expect(await screen.findByRole('heading', { name: '永続ボリューム' })).toBeDefined();
    for (const header of [
      '状態',
      '容量',
      'アクセスモード',
      '再クレームポリシー',
      'ステータス',
      'ボリューム要求',
      '理由',
    ]) {
      expect(await screen.findByRole('columnheader', { name: header })).toBeDefined();
    }
    expect(rowOf('nfs-archive').getByText('利用可能')).toBeDefined();
    expect(rowOf('nfs-archive').getByText('1.5 GiB')).toBeDefined();
  });
});
