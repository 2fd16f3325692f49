import { EditorView } from '@codemirror/view';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fakeServer, type RecordedRequest, type Reply } from '@/testing/fake-server';
import { activeCluster } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const apiPath = '/apis/apps/v1/namespaces/wordpress/deployments/wordpress';
const objectUrl = `/k8s/clusters/${cluster.id}${apiPath}`;
const page = `/c/${cluster.id}/yaml?object=${encodeURIComponent(apiPath)}`;

const deployment = (labels: Record<string, string>, resourceVersion = '4711') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'wordpress',
    namespace: 'wordpress',
    resourceVersion,
    labels,
    managedFields: [{ manager: 'bokujo', operation: 'Update' }],
  },
  spec: { replicas: 1 },
});

function routes(put: (request: RecordedRequest) => Reply, current = () => deployment({ app: 'wordpress' })) {
  return {
    ...signedInRoutes({ clusters: [cluster] }),
    'GET /api/v1/clusters/c-5e0b7d21a4c3': { body: cluster },
    [`GET ${objectUrl}`]: () => ({ body: current() }),
    [`PUT ${objectUrl}`]: put,
    'POST /k8s/clusters/c-5e0b7d21a4c3/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': {
      status: 201,
      body: { kind: 'SelfSubjectAccessReview', status: { allowed: true } },
    },
  };
}

// CodeMirror measures text ranges after each change; jsdom lays nothing out and lacks these.
beforeAll(() => {
  Object.defineProperties(Range.prototype, {
    getClientRects: { configurable: true, value: () => Object.assign([], { item: () => null }) },
    getBoundingClientRect: { configurable: true, value: () => DOMRect.fromRect() },
  });
});

/** Types into CodeMirror as a paste would: jsdom has no layout for key-by-key editing. */
async function replaceText(change: (text: string) => string, label = 'YAML of Deployment wordpress') {
  const content = await screen.findByRole('textbox', { name: label });
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error('no editor');
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: change(view.state.doc.toString()) } });
}

const relabel = (text: string) => text.replace('app: wordpress', 'app: wordpress\n    tier: frontend');
const dryRun = (request: RecordedRequest) => new URL(request.path, 'http://x').searchParams.get('dryRun') === 'All';

describe('object YAML', () => {
  it('shows the object without managedFields, dry-runs the edit, shows the difference and applies it', async () => {
    const server = fakeServer(
      routes((request) => ({
        body: {
          ...(request.body as object),
          metadata: {
            ...(request.body as { metadata: object }).metadata,
            resourceVersion: dryRun(request) ? '4711' : '4712',
          },
        },
      })),
    );
    await renderApp({ path: page });
    expect(await screen.findByRole('heading', { name: 'Deployment wordpress' })).toBeDefined();
    const editor = await screen.findByRole('textbox', { name: 'YAML of Deployment wordpress' });
    expect(editor.textContent).toContain('resourceVersion: "4711"');
    expect(editor.textContent).not.toContain('managedFields');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Review changes' }).disabled).toBe(true);

    await replaceText(relabel);
    await userEvent.click(screen.getByRole('button', { name: 'Review changes' }));
    const diff = await screen.findByTestId('yaml-diff');
    expect(within(diff).getByRole('textbox', { name: 'After applying (dry run)' }).textContent).toContain(
      'tier: frontend',
    );
    expect(within(diff).getByRole('textbox', { name: 'Stored now' }).textContent).not.toContain('tier: frontend');
    const [check] = server.to(`PUT ${objectUrl}`);
    expect(check && dryRun(check)).toBe(true);
    expect(new URL(check?.path ?? '', 'http://x').searchParams.get('fieldManager')).toBe('bokujo');
    expect((check?.body as { metadata: { labels: object } }).metadata.labels).toEqual({
      app: 'wordpress',
      tier: 'frontend',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('Deployment wordpress was updated')).toBeDefined();
    expect(screen.getByText(/stored it as resourceVersion 4712/)).toBeDefined();
    const applied = server.to(`PUT ${objectUrl}`)[1];
    expect(applied && dryRun(applied)).toBe(false);
    expect(parse(JSON.stringify(applied?.body))).toMatchObject({ metadata: { resourceVersion: '4711' } });
  });

  it('explains a conflict and loads the current version on request', async () => {
    let version = '4711';
    const server = fakeServer(
      routes(
        (request) =>
          dryRun(request)
            ? { body: request.body }
            : {
                status: 409,
                body: {
                  kind: 'Status',
                  code: 409,
                  reason: 'Conflict',
                  message:
                    'Operation cannot be fulfilled on deployments.apps "wordpress": the object has been modified; please apply your changes to the latest version and try again',
                },
              },
        () => deployment({ app: 'wordpress' }, version),
      ),
    );
    await renderApp({ path: page });
    await replaceText(relabel);
    await userEvent.click(await screen.findByRole('button', { name: 'Review changes' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Apply' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Someone changed this object in the meantime')).toBeDefined();
    expect(within(alert).getByText(/the object has been modified/)).toBeDefined();
    version = '4800';
    await userEvent.click(within(alert).getByRole('button', { name: 'Load the current version' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'YAML of Deployment wordpress' }).textContent).toContain(
        'resourceVersion: "4800"',
      ),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(server.to(`GET ${objectUrl}`)).toHaveLength(2);
  });

  it('names each field Kubernetes refused', async () => {
    fakeServer(
      routes(() => ({
        status: 422,
        body: {
          kind: 'Status',
          code: 422,
          reason: 'Invalid',
          message:
            'Deployment.apps "wordpress" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
          details: {
            name: 'wordpress',
            kind: 'Deployment',
            causes: [
              {
                reason: 'FieldValueInvalid',
                message: 'Invalid value: -1: must be greater than or equal to 0',
                field: 'spec.replicas',
              },
            ],
          },
        },
      })),
    );
    await renderApp({ path: page });
    await replaceText((text) => text.replace('replicas: 1', 'replicas: -1'));
    await userEvent.click(await screen.findByRole('button', { name: 'Review changes' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Kubernetes refused some fields')).toBeDefined();
    expect(within(alert).getByText('spec.replicas')).toBeDefined();
    expect(within(alert).getByText(/Invalid value: -1: must be greater than or equal to 0/)).toBeDefined();
    // Nothing to apply after a refused check.
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
  });

  it('refuses YAML it cannot read before asking the cluster', async () => {
    const server = fakeServer(routes(() => ({ status: 500 })));
    await renderApp({ path: page, language: 'ja' });
    await replaceText((text) => `${text}\nspec: [oops\n`, 'Deployment wordpress の YAML');
    await userEvent.click(await screen.findByRole('button', { name: '変更を確認' }));
    expect(await screen.findByText('YAML を読み取れませんでした')).toBeDefined();
    expect(server.to(`PUT ${objectUrl}`)).toHaveLength(0);
  });

  it('says when the address names no single object', async () => {
    const server = fakeServer(routes(() => ({ status: 500 })));
    await renderApp({
      path: `/c/${cluster.id}/yaml?object=${encodeURIComponent('/api/v1/namespaces/wordpress/pods/web/exec')}`,
    });
    expect(await screen.findByText('This address names no object')).toBeDefined();
    expect(server.requests.some((request) => request.path.includes('/exec'))).toBe(false);
  });
});
