import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { writeSelfSignedCertificate } from '../../../../test/self-signed-certificate.ts';
import { UpstreamAgents } from '../kube-proxy/upstream-agents.ts';
import { KindCache } from './kind-cache.ts';
import { ListWatch } from './list-watch.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ignore = () => undefined;
const quietLog = { debug: ignore, info: ignore, warn: ignore, error: ignore } as unknown as FastifyBaseLogger;

const pod = (uid: string, name: string, resourceVersion: string) => ({
  metadata: { uid, name, namespace: 'default', resourceVersion, creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { containers: [{ name: 'c' }] },
  status: { phase: 'Running' },
});

/**
 * The one edge case a real cluster will not produce on demand: its watch cache still holds any
 * version a short test used, so 410 Gone comes from a stand-in apiserver here.
 */
it('lists again after 410 Gone, replaces the rows and tells listeners to resync', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bokujo-list-watch-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const certificate = writeSelfSignedCertificate(dir);
  const requests: string[] = [];
  let lists = 0;
  const server: Server = createServer(
    { cert: certificate.cert, key: readFileSync(certificate.keyFile, 'utf8') },
    (request, response) => {
      const url = new URL(request.url ?? '/', 'https://127.0.0.1');
      requests.push(
        `${url.pathname}?${url.searchParams.has('watch') ? `watch rv=${url.searchParams.get('resourceVersion')}` : `limit=${url.searchParams.get('limit')} continue=${url.searchParams.get('continue') ?? ''}`}`,
      );
      response.setHeader('content-type', 'application/json');
      if (!url.searchParams.has('watch')) {
        // Two pages the first time; one (with a pod gone and one new) after the 410.
        lists += 1;
        if (lists === 1 && !url.searchParams.has('continue')) {
          response.end(
            JSON.stringify({ metadata: { resourceVersion: '10', continue: 'next' }, items: [pod('u1', 'a', '5')] }),
          );
        } else if (lists === 2) {
          response.end(JSON.stringify({ metadata: { resourceVersion: '10' }, items: [pod('u2', 'b', '6')] }));
        } else {
          response.end(
            JSON.stringify({ metadata: { resourceVersion: '30' }, items: [pod('u2', 'b', '6'), pod('u3', 'c', '29')] }),
          );
        }
        return;
      }
      if (url.searchParams.get('resourceVersion') === '10') {
        // One change, then the in-band error an apiserver sends once the version is compacted.
        response.write(`${JSON.stringify({ type: 'MODIFIED', object: pod('u1', 'a', '11') })}\n`);
        response.end(
          `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } })}\n`,
        );
        return;
      }
      // After the relist: a quiet watch that stays open.
      response.write(`${JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '31' } } })}\n`);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  server.on('secureConnection', (socket) => cleanups.push(async () => socket.destroy()));

  const cache = new KindCache();
  const seen: string[] = [];
  cache.listen({
    change: (change) => seen.push(`${change.type} ${change.row.name}`),
    resync: () => seen.push('resync'),
  });
  const agents = new UpstreamAgents();
  cleanups.push(async () => agents.destroyAll());
  const listWatch = new ListWatch({
    clusterId: 'c-test',
    resource: 'pods',
    cache,
    agents,
    log: quietLog,
    connection: async () => ({
      clusterId: 'c-test',
      server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      caData: certificate.cert,
      insecureSkipTlsVerify: false,
      credential: { kind: 'token', token: 'not-checked' },
    }),
  });
  listWatch.start();
  cleanups.push(async () => listWatch.stop());
  await listWatch.whenSynced();

  await expect.poll(() => cache.resourceVersion, { timeout: 5_000 }).toBe('31');
  expect(seen).toEqual(['MODIFIED a', 'resync']);
  expect([...cache.rows()].map((row) => row.name).sort()).toEqual(['b', 'c']);
  expect(listWatch.relists).toBe(1);
  expect(listWatch.watchesOpen).toBe(1);
  expect(requests).toEqual([
    '/api/v1/pods?limit=500 continue=',
    '/api/v1/pods?limit=500 continue=next',
    '/api/v1/pods?watch rv=10',
    '/api/v1/pods?limit=500 continue=',
    '/api/v1/pods?watch rv=30',
  ]);
});
