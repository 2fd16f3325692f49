import type { ResourceRow } from '@bokujo/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '@/lib/k8s/fake-socket';
import { fakeServer, type RecordedRequest } from '@/testing/fake-server';
import { activeCluster, projectList } from '@/testing/fixtures';
import { locationOf, renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const podsPath = `/api/v1/clusters/${cluster.id}/resources/pods`;
const namespacesPath = `/api/v1/clusters/${cluster.id}/resources/namespaces`;
const [, shop] = projectList();

const pod = (index: number, overrides: Partial<ResourceRow> = {}): ResourceRow => ({
  uid: `uid-${index}`,
  name: `web-${String(index).padStart(4, '0')}`,
  namespace: index % 2 === 0 ? 'shop' : 'shop-staging',
  createdAt: new Date(Date.now() - 3_600_000).toISOString(),
  labels: { app: 'web' },
  state: 'Running',
  cells: { ready: '1/1', restarts: index % 3, node: 'kwok-node-1', ip: `10.0.0.${index % 250}`, owner: null },
  ...overrides,
});

const queryOf = (request: RecordedRequest) => new URL(request.path, 'http://localhost').searchParams;

function podRoutes({ count = 1_234, forbidden = false } = {}) {
  const pods = Array.from({ length: count }, (_, index) => pod(index));
  pods[1] = pod(1, { state: 'CrashLoopBackOff', cells: { ...pod(1).cells, restarts: 12 } });
  const server = fakeServer({
    ...signedInRoutes({ clusters: [cluster] }),
    [`GET /api/v1/clusters/${cluster.id}`]: { body: cluster },
    [`GET /api/v1/clusters/${cluster.id}/projects`]: { body: { items: projectList() } },
    [`GET ${namespacesPath}`]: {
      body: {
        items: ['shop', 'shop-staging'].map((name, index) => ({
          ...pod(index),
          uid: `ns-${name}`,
          name,
          namespace: undefined,
          labels: { 'bokujo.io/project': shop?.id ?? '' },
          state: 'Active',
          cells: {},
        })),
        total: 2,
        offset: 0,
        limit: 500,
        resourceVersion: '3',
      },
    },
    [`GET ${podsPath}`]: (request) => {
      const query = queryOf(request);
      if (forbidden && !query.get('project')) {
        return {
          status: 403,
          body: {
            statusCode: 403,
            code: 'FORBIDDEN',
            message: 'You may not list pods in the whole cluster prod-tokyo',
          },
        };
      }
      const name = query.get('name');
      const state = query.get('state');
      let matching = pods.filter((row) => (!name || row.name.includes(name)) && (!state || row.state === state));
      if (query.get('sort') === '-name') matching = [...matching].reverse();
      const offset = Number(query.get('offset'));
      const limit = Number(query.get('limit'));
      return {
        body: {
          items: matching.slice(offset, offset + limit),
          total: matching.length,
          offset,
          limit,
          resourceVersion: '9',
        },
      };
    },
  });
  return { ...server, pods };
}

const table = () => screen.findByRole('table', { name: 'Pods' });
const podRequests = (server: ReturnType<typeof podRoutes>) => server.to(`GET ${podsPath}`).map(queryOf);

beforeEach(() => FakeSocket.install(vi.stubGlobal));

describe('pods page', () => {
  it('lists the cluster’s pods from the server’s pages, with their state, readiness and node', async () => {
    const server = podRoutes();
    await renderApp({ path: `/c/${cluster.id}/pods` });
    expect(await screen.findByRole('heading', { name: 'Pods' })).toBeDefined();
    const pods = await table();
    expect(pods.getAttribute('aria-rowcount')).toBe('1235');
    expect(await screen.findByText('Total: 1,234')).toBeDefined();
    for (const header of ['State', 'Name', 'Namespace', 'Ready', 'Restarts', 'Node', 'IP', 'Age']) {
      expect(within(pods).getByRole('columnheader', { name: header })).toBeDefined();
    }
    const crashing = within(pods).getByRole('link', { name: 'web-0001' }).closest('tr') as HTMLElement;
    expect(crashing.getAttribute('aria-rowindex')).toBe('3');
    expect(within(crashing).getByText('CrashLoopBackOff')).toBeDefined();
    expect(within(crashing).getByText('12')).toBeDefined();
    expect(within(crashing).getByText('kwok-node-1')).toBeDefined();
    expect(within(crashing).getByText('1 hour ago')).toBeDefined();
    // The pod's page lives under its namespace's project.
    expect(within(pods).getByRole('link', { name: 'web-0001' }).getAttribute('href')).toBe(
      `/c/${cluster.id}/p/${shop?.id}/pods/shop-staging/web-0001`,
    );
    expect(podRequests(server).map((query) => query.toString())).toEqual(['sort=name&offset=0&limit=100']);
    // The navigation of the cluster leads here.
    expect(screen.getByRole('link', { name: 'Pods' }).getAttribute('aria-current')).toBe('page');
  });

  it('keeps filters and sort in the address and asks the server for them', async () => {
    const server = podRoutes();
    const { router } = await renderApp({ path: `/c/${cluster.id}/pods?state=CrashLoopBackOff` });
    expect(await screen.findByText('Total: 1')).toBeDefined();
    expect(podRequests(server)[0]?.get('state')).toBe('CrashLoopBackOff');

    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(await table()).getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(locationOf(router)).toContain('sort=-name'));
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('descending');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Name' }), { target: { value: 'web-000' } });
    await waitFor(() => expect(locationOf(router)).toContain('name=web-000'));
    await waitFor(() =>
      expect(podRequests(server).at(-1)?.toString()).toBe(
        'name=web-000&state=CrashLoopBackOff&sort=-name&offset=0&limit=100',
      ),
    );
  });

  it('follows the list live: a new pod raises the count, a changed one updates in place', async () => {
    const { pods } = podRoutes({ count: 5 });
    await renderApp({ path: `/c/${cluster.id}/pods` });
    await screen.findByText('Total: 5');
    const socket = FakeSocket.current;
    act(() => socket.open());
    const [subscription] = socket.subscriptions;
    pods[3] = pod(3, { state: 'Terminating' });
    pods.push(pod(5));
    expect(subscription).toMatchObject({ type: 'subscribe', clusterId: cluster.id, resource: 'pods' });
    act(() =>
      socket.answer({
        type: 'changes',
        id: subscription?.id ?? '',
        resourceVersion: '10',
        changes: [
          { type: 'MODIFIED', row: pod(3, { state: 'Terminating' }) },
          { type: 'ADDED', row: pod(5) },
        ],
      }),
    );
    expect(await screen.findByText('Total: 6')).toBeDefined();
    const row = (await screen.findByRole('link', { name: 'web-0003' })).closest('tr') as HTMLElement;
    await waitFor(() => expect(within(row).getByText('Terminating')).toBeDefined());
    // The visible page is read again and shows the new pod.
    expect(await screen.findByRole('link', { name: 'web-0005' })).toBeDefined();
  });

  it('says why when the person may not list every pod, and suggests a project', async () => {
    const server = podRoutes({ forbidden: true });
    await renderApp({ path: `/c/${cluster.id}/pods` });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('You may not list pods in the whole cluster prod-tokyo')).toBeDefined();
    expect(within(alert).getByText(/Choose a project/)).toBeDefined();

    await userEvent.click(within(screen.getByRole('main')).getByLabelText('Project'));
    await userEvent.click(await screen.findByRole('option', { name: 'shop' }));
    expect(await screen.findByText('Total: 1,234')).toBeDefined();
    expect(podRequests(server).at(-1)?.get('project')).toBe(shop?.id);
  });

  it('reads in Japanese', async () => {
    podRoutes({ count: 3 });
    await renderApp({ language: 'ja', path: `/c/${cluster.id}/pods` });
    expect(await screen.findByRole('table', { name: 'Pod' })).toBeDefined();
    expect(await screen.findByText('合計 3 件')).toBeDefined();
    for (const header of ['状態', '名前', '名前空間', '再起動', 'ノード', '経過時間']) {
      expect(screen.getByRole('columnheader', { name: header })).toBeDefined();
    }
  });
});
