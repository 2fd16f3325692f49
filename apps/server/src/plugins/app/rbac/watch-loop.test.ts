import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { runWatchLoop } from './watch-loop.ts';

/**
 * The watch protocol's edge cases (410 Gone in-band, a server error, a watch the server ends)
 * cannot be provoked on demand in a real cluster; a scripted HTTP server plays the apiserver for
 * this one unit. Everything else is tested against real clusters in rbac-reconciler.test.ts.
 */
type Step = (request: IncomingMessage, response: ServerResponse) => void;

/** client-node refuses plain http unless TLS verification is off; there is no TLS here at all. */
function plainHttpKubeConfig(port: number) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'fake', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'c', cluster: 'fake', user: 'u' }],
    currentContext: 'c',
  });
  return kubeConfig;
}

async function until(what: string, condition: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const event = (type: string, object: object) => `${JSON.stringify({ type, object })}\n`;

describe('runWatchLoop', () => {
  let server: Server | undefined;

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  it('lists again on 410 Gone, resumes after a clean end, backs off after an error and closes on abort', async () => {
    const requests: URL[] = [];
    let closedByClient: () => void = () => undefined;
    const clientClosed = new Promise<void>((resolve) => (closedByClient = resolve));
    const steps: Step[] = [
      // The version we start from is too old: the apiserver says so in-band and ends the stream.
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(event('ERROR', { kind: 'Status', code: 410, reason: 'Expired' }));
      },
      // One change, then the server's timeoutSeconds runs out.
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(event('BOOKMARK', { metadata: { resourceVersion: '20' } }));
        response.end(event('ADDED', { metadata: { name: 'shop', resourceVersion: '21' } }));
      },
      (_request, response) => {
        response.writeHead(500);
        response.end('{}');
      },
      // Stays open until the client goes.
      (request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(event('BOOKMARK', { metadata: { resourceVersion: '22' } }));
        request.socket.on('close', closedByClient);
      },
    ];
    server = createServer((request, response) => {
      requests.push(new URL(request.url ?? '/', 'http://localhost'));
      const step = steps.shift();
      if (step) step(request, response);
      else response.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const kubeConfig = plainHttpKubeConfig(port);

    const versions = ['10', '19'];
    const changes: string[] = [];
    const warnings: object[] = [];
    let open = 0;
    const abort = new AbortController();
    const loop = runWatchLoop({
      resource: { name: 'namespaces', path: '/api/v1/namespaces', labelSelector: 'a=b' },
      kubeConfig: async () => kubeConfig,
      listVersion: async () => versions.shift() ?? 'unexpected',
      onChange: (reason) => changes.push(reason),
      signal: abort.signal,
      log: { debug: () => undefined, warn: (details) => warnings.push(details) },
      onConnection: (delta) => (open += delta),
      retryMs: 50,
      timeoutSeconds: 7,
    });

    await until('the fourth watch to open', () => open === 1 && requests.length === 4);
    expect(requests.map((url) => url.searchParams.get('resourceVersion'))).toEqual(['10', '19', '21', '21']);
    for (const url of requests) {
      expect(url.pathname).toBe('/api/v1/namespaces');
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        watch: 'true',
        labelSelector: 'a=b',
        allowWatchBookmarks: 'true',
        timeoutSeconds: '7',
      });
    }
    expect(changes).toEqual(['namespaces listed', 'namespaces listed', 'namespaces added']);
    expect(warnings).toEqual([expect.objectContaining({ resource: 'namespaces', failures: 1 })]);
    expect(open).toBe(1);

    abort.abort();
    await loop;
    await clientClosed;
    expect(open).toBe(0);
    expect(requests).toHaveLength(4);
  });

  it('backs off while the cluster keeps failing, and stops waiting on abort', async () => {
    const times: number[] = [];
    server = createServer((_request, response) => {
      times.push(Date.now());
      response.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const kubeConfig = plainHttpKubeConfig(port);
    const abort = new AbortController();
    const loop = runWatchLoop({
      resource: { name: 'rolebindings', path: '/apis/rbac.authorization.k8s.io/v1/rolebindings' },
      kubeConfig: async () => kubeConfig,
      listVersion: async () => '1',
      onChange: () => undefined,
      signal: abort.signal,
      log: { debug: () => undefined, warn: () => undefined },
      retryMs: 40,
      maxRetryMs: 10_000,
    });
    await until('four attempts', () => times.length >= 4);
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    // 40, 80, 160 ms, each ±20 %.
    expect(gaps[0]).toBeGreaterThanOrEqual(30);
    expect(gaps[1]).toBeGreaterThanOrEqual(60);
    expect(gaps[2]).toBeGreaterThanOrEqual(120);
    // The next wait is 320 ms; abort must end it at once.
    const abortedAt = Date.now();
    abort.abort();
    await loop;
    expect(Date.now() - abortedAt).toBeLessThan(100);
  });
});
