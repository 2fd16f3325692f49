import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { activeCluster, wordpressNamespaces, wordpressProject } from '@/testing/fixtures';
import { renderApp } from '@/testing/render-app';
import { signedInRoutes } from '@/testing/signed-in';

const cluster = activeCluster();
const podPath = '/k8s/clusters/c-5e0b7d21a4c3/api/v1/namespaces/wordpress/pods/wordpress-6d8f9-x2k4q';
const page = `/c/${cluster.id}/p/${wordpressProject.id}/pods/wordpress/wordpress-6d8f9-x2k4q`;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A WordPress pod whose PHP container crash-loops beside a healthy sidecar. */
function wordpressPod() {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'wordpress-6d8f9-x2k4q',
      namespace: 'wordpress',
      uid: 'pod-1',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'wordpress-6d8f9', controller: true }],
    },
    spec: {
      nodeName: 'worker-a',
      initContainers: [{ name: 'wait-for-db', image: 'busybox:1.37' }],
      containers: [
        { name: 'wordpress', image: 'wordpress:6.7-apache' },
        { name: 'metrics', image: 'prom/apache-exporter:1.0' },
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.244.1.17',
      startTime: minutesAgo(42),
      qosClass: 'Burstable',
      conditions: [
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: minutesAgo(3) },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: minutesAgo(42) },
      ],
      initContainerStatuses: [
        {
          name: 'wait-for-db',
          ready: true,
          restartCount: 0,
          image: 'busybox:1.37',
          state: { terminated: { reason: 'Completed', exitCode: 0, finishedAt: minutesAgo(41) } },
        },
      ],
      containerStatuses: [
        {
          name: 'wordpress',
          ready: false,
          restartCount: 4,
          image: 'wordpress:6.7-apache',
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container' } },
          lastState: { terminated: { reason: 'Error', exitCode: 255, finishedAt: minutesAgo(2) } },
        },
        {
          name: 'metrics',
          ready: true,
          restartCount: 0,
          image: 'prom/apache-exporter:1.0',
          state: { running: { startedAt: minutesAgo(40) } },
        },
      ],
    },
  };
}

const routes = (overrides = {}) => ({
  ...signedInRoutes({ clusters: [cluster] }),
  'GET /api/v1/clusters/c-5e0b7d21a4c3': { body: cluster },
  'GET /api/v1/projects/p-8c1d2e3f': { body: wordpressProject },
  'GET /api/v1/projects/p-8c1d2e3f/namespaces': { body: { items: wordpressNamespaces } },
  [`GET ${podPath}`]: { body: wordpressPod() },
  'GET /k8s/clusters/c-5e0b7d21a4c3/api/v1/namespaces/wordpress/events': {
    body: {
      kind: 'EventList',
      items: [
        {
          metadata: { name: 'e1', uid: 'e1' },
          type: 'Warning',
          reason: 'BackOff',
          message: 'Back-off restarting failed container wordpress',
          count: 12,
          lastTimestamp: minutesAgo(1),
        },
      ],
    },
  },
  ...overrides,
});

const logText = [
  'GET /healthz 200 0.4ms',
  'POST /wp-login.php 302 12ms',
  'get /wp-admin 200 80ms',
  'PHP Warning: mysqli::real_connect(): (HY000/2002)',
  '',
].join('\n');

/** Log requests answer plain text (the fake server speaks JSON); everything else goes to it. */
function serveLogs(text: (url: URL) => string) {
  const json = globalThis.fetch;
  const requests: URL[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    if (!url.pathname.endsWith('/log')) return json(input, init);
    requests.push(url);
    return Promise.resolve(new Response(text(url), { headers: { 'content-type': 'text/plain' } }));
  });
  return requests;
}

afterEach(() => vi.restoreAllMocks());

describe('pod page', () => {
  it('shows each container’s state with its reason, restarts and image, the conditions and the pod’s events', async () => {
    const server = fakeServer(routes());
    await renderApp({ path: page });

    const heading = await screen.findByRole('heading', { name: 'wordpress-6d8f9-x2k4q' });
    expect(within(heading.parentElement as HTMLElement).getByText('Running')).toBeDefined();
    expect(screen.getByText('worker-a')).toBeDefined();
    expect(screen.getByText('10.244.1.17')).toBeDefined();
    expect(screen.getByText('ReplicaSet wordpress-6d8f9')).toBeDefined();

    const crashing = screen.getByText('wordpress', { selector: 'p' }).closest('tr') as HTMLElement;
    expect(within(crashing).getByText('Waiting: CrashLoopBackOff')).toBeDefined();
    expect(within(crashing).getByText('back-off 1m20s restarting failed container')).toBeDefined();
    expect(within(crashing).getByText('Last: Error (exit code 255)')).toBeDefined();
    expect(within(crashing).getByText('wordpress:6.7-apache')).toBeDefined();
    expect(within(crashing).getByText('Not ready')).toBeDefined();
    expect(within(crashing).getByText('4')).toBeDefined();
    const init = screen.getByText('wait-for-db').closest('tr') as HTMLElement;
    expect(within(init).getByText('init')).toBeDefined();
    expect(within(init).getByText('Terminated: Completed')).toBeDefined();
    const sidecar = screen.getByText('metrics').closest('tr') as HTMLElement;
    expect(within(sidecar).getByText('Running')).toBeDefined();
    expect(within(sidecar).getByText('since 40 minutes ago')).toBeDefined();

    expect(screen.getByText('ContainersNotReady')).toBeDefined();
    expect(await screen.findByText('Back-off restarting failed container wordpress')).toBeDefined();
    const events = server.to('GET /k8s/clusters/c-5e0b7d21a4c3/api/v1/namespaces/wordpress/events')[0];
    expect(new URL(events?.path ?? '', 'http://x').searchParams.get('fieldSelector')).toBe(
      'involvedObject.kind=Pod,involvedObject.name=wordpress-6d8f9-x2k4q',
    );
    expect(screen.getByRole('link', { name: 'Edit YAML' }).getAttribute('href')).toBe(
      `/c/${cluster.id}/yaml?object=%2Fapi%2Fv1%2Fnamespaces%2Fwordpress%2Fpods%2Fwordpress-6d8f9-x2k4q`,
    );
  });

  it('says when the pod is gone', async () => {
    fakeServer(
      routes({
        [`GET ${podPath}`]: {
          status: 404,
          body: { kind: 'Status', code: 404, reason: 'NotFound', message: 'pods "wordpress-6d8f9-x2k4q" not found' },
        },
      }),
    );
    await renderApp({ path: page });
    expect(
      await screen.findByText(
        'There is no pod wordpress-6d8f9-x2k4q in the namespace wordpress. It may have been replaced by a new one.',
      ),
    ).toBeDefined();
  });

  it('reads in Japanese', async () => {
    fakeServer(routes());
    await renderApp({ path: page, language: 'ja' });
    expect(await screen.findByRole('heading', { name: 'コンテナ' })).toBeDefined();
    expect(screen.getByText('再起動回数')).toBeDefined();
    expect(screen.getByText('前回: Error (終了コード 255)')).toBeDefined();
    expect(screen.getByRole('tab', { name: 'ログ' })).toBeDefined();
  });
});

describe('pod logs', () => {
  it('follows the chosen container, marks what the search finds and counts it', async () => {
    fakeServer(routes());
    const requests = serveLogs(() => logText);
    await renderApp({ path: `${page}?tab=logs` });

    const log = await screen.findByRole('log', { name: 'Log of wordpress' });
    await waitFor(() => expect(log.textContent).toBe(logText));
    expect(requests[0]?.pathname).toBe(`${podPath}/log`);
    expect(Object.fromEntries(requests[0]?.searchParams ?? [])).toEqual({
      container: 'wordpress',
      tailLines: '500',
      follow: 'true',
    });

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search the loaded log' }), 'GET');
    const marks = [...log.querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['GET', 'get']);
    expect(screen.getByText('Matches: 2')).toBeDefined();
    // Marking changes nothing of the text itself.
    expect(log.textContent).toBe(logText);
  });

  it('offers the previous instance only for a container that restarted, and asks for it without follow', async () => {
    fakeServer(routes());
    const requests = serveLogs((url) => (url.searchParams.get('previous') ? 'fatal: database unreachable\n' : logText));
    await renderApp({ path: `${page}?tab=logs&container=metrics` });

    const previous = await screen.findByRole('switch', { name: /^Previous container/ });
    expect((previous as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('The container has not restarted, so there is no previous instance.')).toBeDefined();

    await userEvent.click(screen.getByRole('combobox', { name: 'Container' }));
    await userEvent.click(await screen.findByRole('option', { name: 'wordpress' }));
    await waitFor(() => expect((previous as HTMLInputElement).disabled).toBe(false));
    await userEvent.click(previous);

    const log = screen.getByRole('log', { name: 'Log of wordpress' });
    await waitFor(() => expect(log.textContent).toBe('fatal: database unreachable\n'));
    const last = requests.at(-1);
    expect(last?.searchParams.get('previous')).toBe('true');
    expect(last?.searchParams.get('follow')).toBeNull();
    expect(screen.getByRole<HTMLInputElement>('switch', { name: 'Follow' }).disabled).toBe(true);
  });

  it('downloads what was loaded as <pod>_<container>.log, and asks again with timestamps', async () => {
    fakeServer(routes());
    const requests = serveLogs((url) =>
      url.searchParams.get('timestamps') ? `2026-03-01T09:15:30.000000000Z ${logText}` : logText,
    );
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:logs');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    await renderApp({ path: `${page}?tab=logs` });
    const log = await screen.findByRole('log', { name: 'Log of wordpress' });
    await waitFor(() => expect(log.textContent).toBe(logText));

    fireEvent.click(screen.getByRole('switch', { name: 'Timestamps' }));
    await waitFor(() => expect(log.textContent).toContain('2026-03-01T09:15:30.000000000Z GET /healthz'));
    expect(requests.at(-1)?.searchParams.get('timestamps')).toBe('true');

    await userEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(clicks).toEqual(['wordpress-6d8f9-x2k4q_wordpress.log']);
    expect(await createObjectURL.mock.calls[0]?.[0].text()).toBe(`2026-03-01T09:15:30.000000000Z ${logText}`);
  });

  it('shows Kubernetes’ reason when the log cannot be read', async () => {
    fakeServer(routes());
    const json = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).includes('/log?')
        ? Promise.resolve(
            new Response(
              JSON.stringify({
                kind: 'Status',
                code: 400,
                reason: 'BadRequest',
                message: 'container "wordpress" in pod "wordpress-6d8f9-x2k4q" is waiting to start: ContainerCreating',
              }),
              { status: 400 },
            ),
          )
        : json(input, init),
    );
    await renderApp({ path: `${page}?tab=logs` });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The log could not be read')).toBeDefined();
    expect(within(alert).getByText(/is waiting to start: ContainerCreating/)).toBeDefined();
  });
});

describe('pod shell', () => {
  it('says plainly when RBAC does not allow exec, without opening a websocket', async () => {
    const server = fakeServer(
      routes({
        'POST /k8s/clusters/c-5e0b7d21a4c3/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': {
          status: 201,
          body: { kind: 'SelfSubjectAccessReview', status: { allowed: false } },
        },
      }),
    );
    const sockets = vi.fn();
    vi.stubGlobal('WebSocket', sockets);
    await renderApp({ path: `${page}?tab=shell` });
    expect(await screen.findByText('You may not open a shell in this pod')).toBeDefined();
    expect(screen.getByText(/does not allow you to create pods\/exec in the namespace wordpress/)).toBeDefined();
    const review = server.to(
      'POST /k8s/clusters/c-5e0b7d21a4c3/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    )[0];
    expect(review?.body).toMatchObject({
      spec: {
        resourceAttributes: {
          verb: 'create',
          resource: 'pods',
          subresource: 'exec',
          namespace: 'wordpress',
          name: 'wordpress-6d8f9-x2k4q',
        },
      },
    });
    expect(sockets).not.toHaveBeenCalled();
  });
});
