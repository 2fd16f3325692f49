import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { activeCluster, eventList, nodeList } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const clusterRoutes = {
  ...signedInRoutes({ clusters: [cluster] }),
  'GET /api/v1/clusters/c-5e0b7d21a4c3': { body: cluster },
  'GET /k8s/clusters/c-5e0b7d21a4c3/api/v1/nodes': { body: nodeList() },
  'GET /k8s/clusters/c-5e0b7d21a4c3/api/v1/events?limit=20': { body: eventList(Date.now()) },
};

describe('cluster dashboard', () => {
  it('shows what the cluster is, its capacity, its nodes and the newest events first', async () => {
    const server = fakeServer(clusterRoutes);
    await renderApp({ path: '/c/c-5e0b7d21a4c3' });

    expect(await screen.findByRole('heading', { name: 'prod-tokyo' })).toBeDefined();
    expect(screen.getByText('Production in Tokyo')).toBeDefined();
    expect(screen.getByText('KWOK')).toBeDefined();
    expect(screen.getByText('v1.37.2')).toBeDefined();
    // Created 2026-02-27T08:00Z, in the machine's time zone.
    expect(screen.getByText(/^Feb 2[78], 2026/)).toBeDefined();

    const cpu = screen.getByRole('meter', { name: 'CPU' });
    expect(cpu.getAttribute('aria-valuetext')).toBe('3.25 of 11.5 cores reserved');
    expect(screen.getByRole('meter', { name: 'Memory' }).getAttribute('aria-valuetext')).toBe(
      '10.3 of 46.5 GiB reserved',
    );
    expect(screen.getByRole('meter', { name: 'Pods' }).getAttribute('aria-valuetext')).toBe('42 of 1,100 running');
    expect(within(cpu).getByText('28%')).toBeDefined();

    const workerB = (await screen.findByText('worker-b')).closest('tr') as HTMLElement;
    expect(within(workerB).getByText('NotReady')).toBeDefined();
    expect(within(workerB).getByText('worker')).toBeDefined();
    expect(within(workerB).getByText('4 cores')).toBeDefined();
    expect(within(workerB).getByText('16 GiB')).toBeDefined();
    const control = screen.getByText('control-1').closest('tr') as HTMLElement;
    expect(within(control).getByText('control-plane')).toBeDefined();
    expect(within(control).getByText('Ready')).toBeDefined();

    const reasons = (await screen.findAllByRole('row'))
      .map((row) => within(row).queryByText(/^(NodeNotReady|Scheduled)$/)?.textContent)
      .filter(Boolean);
    expect(reasons).toEqual(['NodeNotReady', 'Scheduled']);
    expect(screen.getByText('3 minutes ago')).toBeDefined();
    expect(screen.getByText('shop/web-1')).toBeDefined();
    // Nodes and events come from the cluster through the impersonating passthrough.
    expect(server.requests.map((request) => request.path)).toContain('/k8s/clusters/c-5e0b7d21a4c3/api/v1/nodes');
  });

  it('reads the same in Japanese', async () => {
    fakeServer(clusterRoutes);
    await renderApp({ language: 'ja', path: '/c/c-5e0b7d21a4c3' });
    expect(await screen.findByRole('heading', { name: 'prod-tokyo' })).toBeDefined();
    expect(screen.getByRole('meter', { name: 'CPU' }).getAttribute('aria-valuetext')).toBe(
      '11.5 コア中 3.25 コアを予約済み',
    );
    expect(screen.getByRole('meter', { name: 'Pod' }).getAttribute('aria-valuetext')).toBe('1,100 個中 42 個が実行中');
    expect(await screen.findByRole('heading', { name: 'ノード' })).toBeDefined();
    expect(await screen.findByText('3 分前')).toBeDefined();
    expect(screen.getByText(/^2026\/02\/2[78]/)).toBeDefined();
  });

  it('keeps the rest of the page when the cluster cannot be read through the passthrough', async () => {
    fakeServer({
      ...clusterRoutes,
      'GET /k8s/clusters/c-5e0b7d21a4c3/api/v1/nodes': {
        status: 403,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message:
            'nodes is forbidden: User "hanako" cannot list resource "nodes" in API group "" at the cluster scope',
          reason: 'Forbidden',
          code: 403,
        },
      },
    });
    await renderApp({ path: '/c/c-5e0b7d21a4c3' });
    expect(await screen.findByText('The nodes could not be loaded')).toBeDefined();
    expect(screen.getByText(/User "hanako" cannot list resource "nodes"/)).toBeDefined();
    expect(screen.getByRole('meter', { name: 'CPU' })).toBeDefined();
  });
});
