import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../errors.ts';
import type { ClusterConnection } from '../clusters/connection.ts';
import { UpstreamAgents } from './upstream-agents.ts';
import { ConnectTimeoutError, startUpstreamRequest, upstreamFailure } from './upstream-request.ts';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function connection(server: string, overrides: Partial<ClusterConnection> = {}): ClusterConnection {
  return {
    clusterId: 'c-1',
    server,
    insecureSkipTlsVerify: false,
    credential: { kind: 'token', token: 't' },
    ...overrides,
  };
}

describe('upstreamFailure', () => {
  const cases: [string, unknown, RegExp][] = [
    ['refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), /refused/],
    ['dns', Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }), /does not resolve/],
    [
      'tls',
      Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      /TLS handshake failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    ],
    ['altname', Object.assign(new Error('altname'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), /TLS handshake failed/],
    ['reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), /closed the connection/],
    ['timeout', new ConnectTimeoutError(10_000), /no connection within 10 s/],
    ['unknown', new Error('odd'), /the request failed/],
  ];
  it.each(cases)('names the cluster and the kind of failure (%s)', (_name, error, message) => {
    const failure = upstreamFailure(error, 'c-1');
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure.statusCode).toBe(502);
    expect(failure.message).toMatch(/cluster "c-1"/);
    expect(failure.message).toMatch(message);
  });
});

describe('startUpstreamRequest', () => {
  it('gives up on an apiserver that accepts TCP but never finishes the TLS handshake', async () => {
    // A unit test of one edge case: a real apiserver always answers the handshake.
    const silent = createServer((socket) => sockets.push(socket));
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const agents = new UpstreamAgents();
    const target = connection(`https://127.0.0.1:${port}`);
    const started = Date.now();
    const error = await new Promise<unknown>((resolve) => {
      const upstream = startUpstreamRequest({
        connection: target,
        agent: agents.agentFor(target),
        method: 'GET',
        path: '/version',
        headers: {},
        connectTimeoutMs: 300,
      });
      upstream.on('error', resolve);
      upstream.end();
    });
    agents.destroyAll();
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses an apiserver address that is not https', () => {
    const agents = new UpstreamAgents();
    const target = connection('http://127.0.0.1:8080');
    expect(() =>
      startUpstreamRequest({
        connection: target,
        agent: agents.agentFor(target),
        method: 'GET',
        path: '/',
        headers: {},
        connectTimeoutMs: 1,
      }),
    ).toThrow(UpstreamError);
    agents.destroyAll();
  });
});

describe('UpstreamAgents', () => {
  it('reuses a cluster’s agent until its TLS material changes', () => {
    const agents = new UpstreamAgents();
    const first = agents.agentFor(connection('https://a:6443'));
    // A new bearer token travels per request and needs no new connections.
    expect(agents.agentFor(connection('https://a:6443', { credential: { kind: 'token', token: 'rotated' } }))).toBe(
      first,
    );
    const recreated = agents.agentFor(connection('https://a:6443', { caData: 'other CA' }));
    expect(recreated).not.toBe(first);
    expect(recreated.options).toMatchObject({ ca: 'other CA', rejectUnauthorized: true, keepAlive: true });
    const withCert = agents.agentFor(
      connection('https://a:6443', {
        credential: { kind: 'client-certificate', certData: 'C', keyData: 'K' },
        tlsServerName: 'api',
      }),
    );
    expect(withCert.options).toMatchObject({ cert: 'C', key: 'K', servername: 'api' });
    expect(agents.agentFor(connection('https://a:6443', { clusterId: 'c-2' }))).not.toBe(withCert);
    agents.destroyAll();
  });
});
