import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SelfSubjectAccessReview } from '@/lib/k8s/types';
import { fakeServer, type RecordedRequest } from '@/testing/fake-server';
import { activeCluster, workloadFixtures as fixtures } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const k8s = `/k8s/clusters/${cluster.id}`;
const detailPath = `/c/${cluster.id}/p/p-shop/workloads/shop/StatefulSet/db`;

const routes = {
  ...signedInRoutes({ clusters: [cluster] }),
  [`GET /api/v1/clusters/${cluster.id}`]: { body: cluster },
  'GET /api/v1/projects/p-shop': { body: fixtures.project },
  [`GET ${k8s}/apis/apps/v1/namespaces/shop/statefulsets/db`]: { body: fixtures.db },
  [`GET ${k8s}/api/v1/namespaces/shop/pods`]: { body: { items: fixtures.pods } },
  [`GET ${k8s}/api/v1/namespaces/shop/persistentvolumeclaims`]: { body: { items: fixtures.claims } },
  [`GET ${k8s}/apis/apps/v1/namespaces/shop/controllerrevisions`]: {
    body: {
      items: [1, 2].map((revision) => ({
        metadata: {
          name: `db-rev${revision}`,
          uid: `rev${revision}`,
          ownerReferences: [{ kind: 'StatefulSet', name: 'db', uid: 's-db' }],
          creationTimestamp: '2026-02-28T08:00:00Z',
        },
        revision,
        data: { spec: { template: { spec: { containers: [{ name: 'db', image: `postgres:1${5 + revision}` }] } } } },
      })),
    },
  },
  [`GET ${k8s}/api/v1/namespaces/shop/events`]: {
    body: {
      items: [
        {
          metadata: { name: 'e1', uid: 'e1' },
          type: 'Normal',
          reason: 'SuccessfulCreate',
          message: 'create Claim data-db-0 Pod db-0 in StatefulSet db success',
          involvedObject: { kind: 'StatefulSet', name: 'db' },
          lastTimestamp: '2026-02-28T08:01:00Z',
        },
        {
          metadata: { name: 'e2', uid: 'e2' },
          type: 'Warning',
          reason: 'BackOff',
          message: 'Back-off restarting failed container',
          involvedObject: { kind: 'Pod', name: 'web-6b8f-a' },
          lastTimestamp: '2026-02-28T09:05:00Z',
        },
      ],
    },
  },
  [`POST ${k8s}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`]: (request: RecordedRequest) => ({
    status: 201,
    body: { ...(request.body as SelfSubjectAccessReview), status: { allowed: true } },
  }),
};

const section = (name: string) => screen.getByRole('region', { name });

describe('workload detail', () => {
  it('shows a StatefulSet’s pods, claims, revisions and the events about it', async () => {
    fakeServer(routes);
    await renderApp({ path: detailPath });

    expect(await screen.findByRole('heading', { name: 'db' }, { timeout: 10_000 })).toBeDefined();
    expect(screen.getByText('postgres:17')).toBeDefined();
    expect(screen.getByText('3/3')).toBeDefined();
    const pods = section('Pods');
    await within(pods).findByRole('link', { name: 'db-0' });
    for (const ordinal of [0, 1, 2]) {
      expect(
        within(pods)
          .getByRole('link', { name: `db-${ordinal}` })
          .getAttribute('href'),
      ).toBe(`/c/${cluster.id}/p/p-shop/pods/shop/db-${ordinal}`);
    }
    // Pods of other workloads in the namespace are not its pods.
    expect(within(pods).queryByText('web-6b8f-a')).toBeNull();

    const claims = await within(section('Persistent volume claims')).findAllByText('Bound');
    expect(claims).toHaveLength(3);
    const claim0 = within(section('Persistent volume claims')).getByText('data-db-0').closest('tr') as HTMLElement;
    expect(within(claim0).getByText('pvc-vol-0')).toBeDefined();
    expect(within(claim0).getByText('10Gi')).toBeDefined();
    expect(within(section('Persistent volume claims')).queryByText('web-uploads')).toBeNull();

    const history = section('Rollout history');
    const revisions = (await within(history).findAllByRole('row')).slice(1);
    expect(revisions.map((row) => within(row).getByText(/^postgres:/).textContent)).toEqual([
      'postgres:17',
      'postgres:16',
    ]);
    expect(within(revisions[0] as HTMLElement).getByText('Current')).toBeDefined();

    const events = section('Events');
    expect(await within(events).findByText('SuccessfulCreate')).toBeDefined();
    expect(within(events).queryByText('BackOff')).toBeNull();
  });

  it('reads in Japanese', async () => {
    fakeServer(routes);
    await renderApp({ language: 'ja', path: detailPath });
    expect(await screen.findByRole('heading', { name: 'db' }, { timeout: 10_000 })).toBeDefined();
    expect(screen.getByText('アクティブ')).toBeDefined();
    expect(section('永続ボリューム要求')).toBeDefined();
    expect(section('ロールアウト履歴')).toBeDefined();
    expect(screen.getByRole('button', { name: 'db の操作' })).toBeDefined();
  });

  it('says so when the kind in the address is not a workload kind', async () => {
    fakeServer(routes);
    await renderApp({ path: `/c/${cluster.id}/p/p-shop/workloads/shop/Secret/db` });
    expect(await screen.findByRole('heading', { name: 'Page not found' }, { timeout: 10_000 })).toBeDefined();
  });
});
