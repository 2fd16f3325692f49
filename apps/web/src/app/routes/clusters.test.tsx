import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { activeCluster, unavailableCluster, viewer } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const gib = 1024 ** 3;
const bigCluster = activeCluster({
  id: 'c-big',
  name: 'batch-east',
  description: '',
  provider: 'rke2',
  summary: {
    nodeCount: 120,
    readyNodeCount: 118,
    cpuMillicores: { capacity: 1_920_000, allocatable: 1_890_000, requested: 1_234_567 },
    memoryBytes: { capacity: 8_000 * gib, allocatable: 7_680 * gib, requested: 5_120.5 * gib },
    pods: { running: 9_876, allocatable: 13_200 },
  },
});

function rowOf(name: string) {
  const row = screen.getByRole('link', { name }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row);
}

describe('cluster list', () => {
  it('shows state, provider, version and capacity with English number formats', async () => {
    fakeServer(signedInRoutes({ clusters: [activeCluster(), unavailableCluster(), bigCluster] }));
    await renderApp({ path: '/' });

    expect(await screen.findByRole('heading', { name: 'Clusters' })).toBeDefined();
    const prod = rowOf('prod-tokyo');
    expect(prod.getByText('Active')).toBeDefined();
    expect(prod.getByText('KWOK')).toBeDefined();
    expect(prod.getByText('v1.37.2')).toBeDefined();
    expect(prod.getByText('3.25 / 11.5 cores')).toBeDefined();
    expect(prod.getByText('10.3 / 46.5 GiB')).toBeDefined();
    expect(prod.getByText('42 / 1,100')).toBeDefined();

    const big = rowOf('batch-east');
    expect(big.getByText('RKE2')).toBeDefined();
    expect(big.getByText('118 of 120 Ready')).toBeDefined();
    expect(big.getByText('1,234.57 / 1,890 cores')).toBeDefined();
    expect(big.getByText('5,120.5 / 7,680 GiB')).toBeDefined();
    expect(big.getByText('9,876 / 13,200')).toBeDefined();

    const lab = rowOf('lab-osaka');
    expect(lab.getByText('Unavailable')).toBeDefined();
    expect(lab.getByText('connect ECONNREFUSED 10.0.40.2:6443: the API server does not answer')).toBeDefined();
    expect(lab.getAllByText('—').length).toBeGreaterThanOrEqual(4);
  });

  it('shows the same list in Japanese', async () => {
    fakeServer(signedInRoutes({ clusters: [activeCluster(), unavailableCluster(), bigCluster] }));
    await renderApp({ language: 'ja', path: '/clusters' });

    expect(await screen.findByRole('heading', { name: 'クラスター' })).toBeDefined();
    expect(await screen.findByRole('columnheader', { name: '状態' })).toBeDefined();
    for (const header of [
      '状態',
      '名前',
      'プロバイダー',
      'Kubernetes バージョン',
      'ノード',
      'CPU',
      'メモリー',
      'Pod',
    ]) {
      expect(screen.getByRole('columnheader', { name: header })).toBeDefined();
    }
    expect(rowOf('prod-tokyo').getByText('アクティブ')).toBeDefined();
    expect(rowOf('prod-tokyo').getByText('3.25 / 11.5 コア')).toBeDefined();
    expect(rowOf('batch-east').getByText('120 台中 118 台が Ready')).toBeDefined();
    expect(rowOf('batch-east').getByText('1,234.57 / 1,890 コア')).toBeDefined();
    expect(rowOf('lab-osaka').getByText('利用不可')).toBeDefined();
  });

  it('offers the import where there is no cluster yet, only to who may import', async () => {
    fakeServer(signedInRoutes({ clusters: [] }));
    const { unmount } = await renderApp({ path: '/clusters' });
    expect(await screen.findByText('No clusters yet')).toBeDefined();
    expect(screen.getAllByRole('link', { name: 'Import cluster' })).toHaveLength(2);
    unmount();

    fakeServer(signedInRoutes({ me: viewer, clusters: [] }));
    await renderApp({ path: '/clusters' });
    expect(await screen.findByText('No clusters yet')).toBeDefined();
    expect(screen.queryByRole('link', { name: 'Import cluster' })).toBeNull();
  });

  it('deletes after a confirmation naming the cluster, and tells what stayed in the cluster', async () => {
    const server = fakeServer({
      ...signedInRoutes({ clusters: [activeCluster()] }),
      'DELETE /api/v1/clusters/c-5e0b7d21a4c3': {
        body: { removedFromCluster: false, reason: 'the API server at https://10.0.12.5:6443 does not answer' },
      },
    });
    document.cookie = 'bokujo_csrf=9f8e7d6c';
    await renderApp({ path: '/clusters' });

    await userEvent.click(await screen.findByRole('button', { name: 'Actions for prod-tokyo' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete cluster prod-tokyo' });
    expect(within(dialog).getByText(/Bokujo will forget the cluster prod-tokyo/)).toBeDefined();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('prod-tokyo was removed from Bokujo')).toBeDefined();
    expect(screen.getByText('Reason: the API server at https://10.0.12.5:6443 does not answer')).toBeDefined();
    const [request] = server.to('DELETE /api/v1/clusters/c-5e0b7d21a4c3');
    expect(request?.headers.get('X-CSRF-Token')).toBe('9f8e7d6c');
  });

  it('downloads a KubeConfig named after the cluster', async () => {
    const kubeconfig = 'apiVersion: v1\nkind: Config\ncurrent-context: prod-tokyo\n';
    const server = fakeServer({
      ...signedInRoutes({ clusters: [activeCluster()] }),
      'POST /api/v1/clusters/c-5e0b7d21a4c3/kubeconfig': {
        body: { kubeconfig, tokenId: 't-1', expiresAt: '2026-03-31T00:00:00.000Z' },
      },
    });
    const blobs: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:kubeconfig'),
        revokeObjectURL: () => undefined,
      }),
    );
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    document.cookie = 'bokujo_csrf=abc123';
    await renderApp({ path: '/clusters' });

    await userEvent.click(await screen.findByRole('button', { name: 'Actions for prod-tokyo' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Download KubeConfig' }));

    await waitFor(() => expect(saved).toEqual(['prod-tokyo.yaml']));
    expect(await blobs[0]?.text()).toBe(kubeconfig);
    expect(server.to('POST /api/v1/clusters/c-5e0b7d21a4c3/kubeconfig')[0]?.headers.get('X-CSRF-Token')).toBe('abc123');
    click.mockRestore();
  });
});
