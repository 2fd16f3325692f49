import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { activeCluster, wordpressNamespaces, wordpressProject } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const k8s = `/k8s/clusters/${cluster.id}`;
const page = `/c/${cluster.id}/p/${wordpressProject.id}/import-yaml`;

const manifests = `apiVersion: v1
kind: ConfigMap
metadata:
  name: wordpress-settings
data:
  WORDPRESS_DEBUG: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: wordpress
  namespace: wordpress-staging
  resourceVersion: "99"
spec:
  replicas: 2
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: stolen
  namespace: kube-system
---
apiVersion: v1
kind: Namespace
metadata:
  name: wordpress-extra
---
apiVersion: v1
kind: Service
metadata:
  name: wordpress
spec:
  ports: [{port: -1}]
---
kind: [broken
`;

const alreadyExists = {
  status: 409,
  body: { kind: 'Status', code: 409, reason: 'AlreadyExists', message: 'deployments.apps "wordpress" already exists' },
};

const routes = {
  ...signedInRoutes({ clusters: [cluster] }),
  'GET /api/v1/clusters/c-5e0b7d21a4c3': { body: cluster },
  'GET /api/v1/projects/p-8c1d2e3f': { body: wordpressProject },
  'GET /api/v1/projects/p-8c1d2e3f/namespaces': { body: { items: wordpressNamespaces } },
  [`GET ${k8s}/api/v1`]: {
    body: {
      kind: 'APIResourceList',
      resources: [
        { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
        { name: 'namespaces', kind: 'Namespace', namespaced: false },
        { name: 'services', kind: 'Service', namespaced: true },
        { name: 'services/status', kind: 'Service', namespaced: true },
      ],
    },
  },
  [`GET ${k8s}/apis/apps/v1`]: {
    body: { kind: 'APIResourceList', resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true }] },
  },
  [`POST ${k8s}/api/v1/namespaces/wordpress/configmaps`]: { status: 201, body: {} },
  [`POST ${k8s}/apis/apps/v1/namespaces/wordpress-staging/deployments`]: alreadyExists,
  [`PATCH ${k8s}/apis/apps/v1/namespaces/wordpress-staging/deployments/wordpress`]: { body: {} },
  [`POST ${k8s}/api/v1/namespaces/wordpress/services`]: {
    status: 422,
    body: {
      kind: 'Status',
      code: 422,
      reason: 'Invalid',
      message: 'Service "wordpress" is invalid',
      details: {
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.ports[0].port',
            message: 'Invalid value: -1: must be between 1 and 65535, inclusive',
          },
        ],
      },
    },
  },
};

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('import YAML', () => {
  it('creates, applies or refuses each document and reports every outcome in file order', async () => {
    const server = fakeServer(routes);
    await renderApp({ path: page });
    expect(await screen.findByRole('heading', { name: 'Import YAML' })).toBeDefined();
    fireEvent.change(screen.getByRole('textbox', { name: /^YAML/ }), { target: { value: manifests } });
    expect(screen.getByText('Documents: 6')).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));

    const table = await screen.findByRole('table', { name: 'Result per document' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['1', 'ConfigMap', 'wordpress-settings', 'wordpress', 'Created', ''],
      ['2', 'Deployment', 'wordpress', 'wordpress-staging', 'Configured', ''],
      [
        '3',
        'ConfigMap',
        'stolen',
        'kube-system',
        'Refused',
        'The namespace kube-system does not belong to this project.',
      ],
      [
        '4',
        'Namespace',
        'wordpress-extra',
        '—',
        'Refused',
        'Namespace is cluster-scoped; an import into a project creates namespaced objects only.',
      ],
      [
        '5',
        'Service',
        'wordpress',
        'wordpress',
        'Failed',
        'spec.ports[0].port: Invalid value: -1: must be between 1 and 65535, inclusive',
      ],
      ['6', '—', '—', '—', 'Failed', expect.stringMatching(/^YAML syntax error at line \d+: /) as string],
    ]);
    expect(screen.getByText('Created: 1, updated: 1, not imported: 4')).toBeDefined();

    // Nothing was sent for the refused documents.
    expect(server.requests.some((request) => request.path.includes('kube-system'))).toBe(false);
    expect(server.requests.some((request) => request.method === 'POST' && request.path.includes('/namespaces?'))).toBe(
      false,
    );
    // The default namespace fills in; server-owned metadata is not sent.
    const [configMap] = server.to(`POST ${k8s}/api/v1/namespaces/wordpress/configmaps`);
    expect(configMap?.body).toMatchObject({ metadata: { name: 'wordpress-settings', namespace: 'wordpress' } });
    const [applied] = server.to(`PATCH ${k8s}/apis/apps/v1/namespaces/wordpress-staging/deployments/wordpress`);
    expect(applied?.headers.get('content-type')).toBe('application/apply-patch+yaml');
    expect(applied?.path).toContain('fieldManager=bokujo');
    expect(applied?.body).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'wordpress', namespace: 'wordpress-staging' },
      spec: { replicas: 2 },
    });
  });

  it('reports an existing object instead of changing it when updating is off, in Japanese', async () => {
    const server = fakeServer(routes);
    await renderApp({ path: page, language: 'ja' });
    fireEvent.change(await screen.findByRole('textbox', { name: /^YAML/ }), {
      target: { value: manifests.split('---')[1] },
    });
    await userEvent.click(screen.getByRole('switch', { name: /^既存のオブジェクトを更新する/ }));
    await userEvent.click(screen.getByRole('button', { name: 'インポート' }));
    const table = await screen.findByRole('table', { name: 'ドキュメントごとの結果' });
    expect(cells(within(table).getAllByRole('row')[1] as HTMLElement)).toEqual([
      '1',
      'Deployment',
      'wordpress',
      'wordpress-staging',
      '失敗',
      'オブジェクトは既に存在し、既存のオブジェクトの更新はオフになっています。',
    ]);
    expect(server.to(`PATCH ${k8s}/apis/apps/v1/namespaces/wordpress-staging/deployments/wordpress`)).toHaveLength(0);
  });
});
