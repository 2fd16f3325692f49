import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SelfSubjectAccessReview } from '@/lib/k8s/types';
import { fakeServer, type RecordedRequest, type Route } from '@/testing/fake-server';
import { activeCluster, workloadFixtures as fixtures } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const k8s = `/k8s/clusters/${cluster.id}`;
const apps = `${k8s}/apis/apps/v1/namespaces/shop`;
const reviews = `POST ${k8s}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`;
const listPath = `/c/${cluster.id}/p/p-shop/workloads`;

/** Answers access reviews like kube-apiserver, allowing only the verbs given. */
const allowVerbs =
  (...verbs: string[]) =>
  (request: RecordedRequest) => {
    const review = request.body as SelfSubjectAccessReview;
    return {
      status: 201,
      body: { ...review, status: { allowed: verbs.includes(review.spec.resourceAttributes.verb) } },
    };
  };

function routes(overrides: Record<string, Route> = {}): Record<string, Route> {
  const list = (items: unknown[]) => ({ body: { items } });
  return {
    ...signedInRoutes({ clusters: [cluster] }),
    [`GET /api/v1/clusters/${cluster.id}`]: { body: cluster },
    'GET /api/v1/projects/p-shop': { body: fixtures.project },
    'GET /api/v1/projects/p-shop/namespaces': {
      body: { items: [{ name: 'shop', projectId: 'p-shop', phase: 'Active', createdAt: null }] },
    },
    [`GET ${apps}/deployments`]: list([fixtures.web]),
    [`GET ${apps}/statefulsets`]: list([fixtures.db]),
    [`GET ${apps}/daemonsets`]: list([]),
    [`GET ${k8s}/apis/batch/v1/namespaces/shop/jobs`]: list([]),
    [`GET ${k8s}/apis/batch/v1/namespaces/shop/cronjobs`]: list([]),
    [`GET ${k8s}/api/v1/namespaces/shop/pods`]: list([...fixtures.pods]),
    [`GET ${k8s}/api/v1/namespaces/shop/persistentvolumeclaims`]: list([...fixtures.claims]),
    [`GET ${k8s}/api/v1/namespaces/shop/services`]: list([{ metadata: { name: 'web-http', namespace: 'shop' } }]),
    [reviews]: allowVerbs('create', 'patch', 'delete'),
    ...overrides,
  };
}

// The first render of a file loads the lazy pages, which takes longer than later ones.
const rowOf = async (name: string) =>
  (await screen.findByRole('link', { name }, { timeout: 10_000 })).closest('tr') as HTMLElement;

async function openMenu(name: string) {
  const user = userEvent.setup();
  await user.click(within(await rowOf(name)).getByRole('button', { name: `Actions for ${name}` }));
  return user;
}

describe('workloads list', () => {
  it('lists every kind of the project’s namespaces with state, ready count and restarts', async () => {
    const server = fakeServer(routes());
    await renderApp({ path: listPath });

    const web = await rowOf('web');
    expect(within(web).getByText('Updating')).toBeDefined();
    expect(within(web).getByText('Deployment')).toBeDefined();
    expect(within(web).getByText('nginx:1.27')).toBeDefined();
    expect(within(web).getByText('2/3')).toBeDefined();
    // Two pods with two restarts each.
    expect(within(web).getByText('4')).toBeDefined();
    expect(within(web).getByRole('link', { name: 'web' }).getAttribute('href')).toBe(
      `/c/${cluster.id}/p/p-shop/workloads/shop/Deployment/web`,
    );
    const db = await rowOf('db');
    expect(within(db).getByText('Active')).toBeDefined();
    expect(within(db).getByText('3/3')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Deploy' }).getAttribute('href')).toBe(
      `/c/${cluster.id}/p/p-shop/workloads/new`,
    );
    // Listed namespace by namespace: a project member may not list across the cluster.
    expect(server.requests.map((request) => request.path)).toContain(`${apps}/statefulsets`);

    await userEvent.setup().type(screen.getByRole('textbox', { name: 'Name' }), 'we');
    expect(screen.queryByRole('link', { name: 'db' })).toBeNull();
    expect(screen.getByRole('link', { name: 'web' })).toBeDefined();
  });

  it('scales with a JSON merge patch that carries the CSRF token', async () => {
    document.cookie = 'bokujo_csrf=csrf-123';
    const server = fakeServer(routes({ [`PATCH ${apps}/deployments/web`]: { body: fixtures.web } }));
    await renderApp({ path: listPath });
    const user = await openMenu('web');
    await user.click(await screen.findByRole('menuitem', { name: /Scale up \(3 → 4\)/ }));

    await waitFor(() => expect(server.to(`PATCH ${apps}/deployments/web`)).toHaveLength(1));
    const [patch] = server.to(`PATCH ${apps}/deployments/web`);
    expect(patch?.body).toEqual({ spec: { replicas: 4 } });
    expect(patch?.headers.get('content-type')).toBe('application/merge-patch+json');
    expect(patch?.headers.get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('pauses a Deployment and redeploys by stamping its pod template', async () => {
    const server = fakeServer(routes({ [`PATCH ${apps}/deployments/web`]: { body: fixtures.web } }));
    await renderApp({ path: listPath });
    let user = await openMenu('web');
    await user.click(await screen.findByRole('menuitem', { name: 'Pause rollouts' }));
    user = await openMenu('web');
    await user.click(await screen.findByRole('menuitem', { name: 'Redeploy' }));

    await waitFor(() => expect(server.to(`PATCH ${apps}/deployments/web`)).toHaveLength(2));
    const [pause, redeploy] = server.to(`PATCH ${apps}/deployments/web`);
    expect(pause?.body).toEqual({ spec: { paused: true } });
    const stamp = (redeploy?.body as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec
      .template.metadata.annotations['bokujo.io/restartedAt'];
    expect(Date.now() - Date.parse(stamp ?? '')).toBeLessThan(60_000);
  });

  it('shows Kubernetes’ reason when it refuses an action', async () => {
    fakeServer(
      routes({
        [`PATCH ${apps}/statefulsets/db`]: {
          status: 403,
          body: {
            kind: 'Status',
            code: 403,
            reason: 'Forbidden',
            message: 'statefulsets.apps "db" is forbidden: User "hanako" cannot patch resource "statefulsets"',
          },
        },
      }),
    );
    await renderApp({ path: listPath });
    const user = await openMenu('db');
    await user.click(await screen.findByRole('menuitem', { name: /Scale down \(3 → 2\)/ }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Scale of db did not go through')).toBeDefined();
    expect(within(alert).getByText(/User "hanako" cannot patch resource "statefulsets"/)).toBeDefined();
  });

  it('holds back what the person’s role does not allow, and says why', async () => {
    fakeServer(routes({ [reviews]: allowVerbs() }));
    await renderApp({ path: listPath });
    expect(await screen.findByRole('button', { name: 'Deploy' })).toHaveProperty('disabled', true);
    await openMenu('web');
    const scaleUp = await screen.findByRole('menuitem', { name: /Scale up/ });
    await waitFor(() => expect(scaleUp.textContent).toContain('does not allow changing workloads in shop'));
    expect(scaleUp.hasAttribute('data-disabled')).toBe(true);
    expect(screen.getByRole('menuitem', { name: /^Delete/ }).hasAttribute('data-disabled')).toBe(true);
    // Reading the YAML needs no more than the list did.
    expect(screen.getByRole('menuitem', { name: 'Edit YAML' }).getAttribute('href')).toContain(
      encodeURIComponent('/apis/apps/v1/namespaces/shop/deployments/web'),
    );
  });

  it('deletes a workload with its generated Services and keeps its claims unless asked', async () => {
    const server = fakeServer(
      routes({
        [`DELETE ${apps}/deployments/web`]: { body: {} },
        [`DELETE ${k8s}/api/v1/namespaces/shop/services/web-http`]: { body: {} },
      }),
    );
    await renderApp({ path: listPath });
    const user = await openMenu('web');
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));

    const dialog = await screen.findByRole('dialog', { name: 'Delete Deployment web' });
    expect(await within(dialog).findByText('web-http')).toBeDefined();
    expect(within(dialog).getByText('Its volume claim is kept, with its data:')).toBeDefined();
    expect(within(dialog).getByText('web-uploads')).toBeDefined();
    expect(within(dialog).getByRole('checkbox', { name: /Also delete its volume claims/ })).toHaveProperty(
      'checked',
      false,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(server.to(`DELETE ${k8s}/api/v1/namespaces/shop/services/web-http`)).toHaveLength(1));
    expect(server.to(`DELETE ${apps}/deployments/web`)[0]?.body).toMatchObject({ propagationPolicy: 'Background' });
    const [serviceLookup] = server.to(`GET ${k8s}/api/v1/namespaces/shop/services`);
    expect(decodeURIComponent(serviceLookup?.path ?? '')).toContain('labelSelector=bokujo.io/workload=web');
    expect(server.requests.filter((request) => request.path.includes('persistentvolumeclaims/'))).toEqual([]);
  });

  it('deletes a StatefulSet’s per-replica claims when the box is ticked', async () => {
    const claimDeletes = Object.fromEntries(
      [0, 1, 2].map((ordinal) => [
        `DELETE ${k8s}/api/v1/namespaces/shop/persistentvolumeclaims/data-db-${ordinal}`,
        { body: {} },
      ]),
    );
    const server = fakeServer(
      routes({
        [`GET ${k8s}/api/v1/namespaces/shop/services`]: { body: { items: [] } },
        [`DELETE ${apps}/statefulsets/db`]: { body: {} },
        ...claimDeletes,
      }),
    );
    await renderApp({ path: listPath });
    const user = await openMenu('db');
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete StatefulSet db' });
    expect(await within(dialog).findByText('Its 3 volume claims are kept, with their data:')).toBeDefined();
    await user.click(within(dialog).getByRole('checkbox', { name: /Also delete its volume claims/ }));
    expect(within(dialog).getByText('Its 3 volume claims are deleted too:')).toBeDefined();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    for (const route of Object.keys(claimDeletes)) expect(server.to(route)).toHaveLength(1);
    expect(server.to(`DELETE ${k8s}/api/v1/namespaces/shop/persistentvolumeclaims/web-uploads`)).toHaveLength(0);
  });

  it('reads in Japanese', async () => {
    fakeServer(routes());
    await renderApp({ language: 'ja', path: listPath });
    expect(await screen.findByRole('heading', { name: 'ワークロード' })).toBeDefined();
    const web = await rowOf('web');
    expect(within(web).getByText('更新中')).toBeDefined();
    expect(screen.getByRole('columnheader', { name: '名前空間' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'デプロイ' })).toBeDefined();
    const user = userEvent.setup();
    await user.click(within(web).getByRole('button', { name: 'web の操作' }));
    expect(await screen.findByRole('menuitem', { name: '再デプロイ' })).toBeDefined();
    expect(screen.getByRole('menuitem', { name: 'ロールアウトを一時停止' })).toBeDefined();
  });
});
