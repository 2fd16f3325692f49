import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { claimProxyUpgrades, type UpgradeListener } from './upgrade-listener.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function answer(name: string): UpgradeListener {
  return (_request, socket: Duplex) => {
    socket.end(`HTTP/1.1 418 I'm a teapot\r\nconnection: close\r\ncontent-length: ${name.length}\r\n\r\n${name}`);
  };
}

/** Sends an upgrade request and reports who answered it. */
function upgradeTo(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({
      port,
      host: '127.0.0.1',
      path,
      headers: { connection: 'Upgrade', upgrade: 'websocket' },
    });
    outgoing.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('upgrade', () => reject(new Error('unexpected upgrade')));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('claimProxyUpgrades', () => {
  it('gives the proxy its paths and every other path to the listeners already there', async () => {
    const server = createServer((_request, response) => response.end('regular'));
    const seenByOther: string[] = [];
    server.on('upgrade', (incoming, socket: Duplex, head: Buffer) => {
      seenByOther.push(incoming.url ?? '');
      answer('other')(incoming, socket, head);
    });
    claimProxyUpgrades(server, answer('proxy'));
    const port = await listen(server);

    expect(await upgradeTo(port, '/k8s/clusters/c-1/api/v1/namespaces/default/pods/p/exec')).toEqual({
      status: 418,
      body: 'proxy',
    });
    expect(await upgradeTo(port, '/api/v1/subscribe')).toEqual({ status: 418, body: 'other' });
    expect(seenByOther).toEqual(['/api/v1/subscribe']);
  });

  it('lets the router answer upgrades for paths nobody handles', async () => {
    const server = createServer((incoming, response) => response.end(`regular ${incoming.url}`));
    claimProxyUpgrades(server, answer('proxy'));
    const port = await listen(server);

    expect(await upgradeTo(port, '/clusters')).toEqual({ status: 200, body: 'regular /clusters' });
    expect(await upgradeTo(port, '/k8s/clusters/c-1/exec')).toEqual({ status: 418, body: 'proxy' });
  });

  it('detaches the proxy when released', async () => {
    const server = createServer((incoming, response) => response.end(`regular ${incoming.url}`));
    const release = claimProxyUpgrades(server, answer('proxy'));
    release();
    expect(server.listenerCount('upgrade')).toBe(0);
    const port = await listen(server);
    expect(await upgradeTo(port, '/k8s/clusters/c-1/exec')).toEqual({
      status: 200,
      body: 'regular /k8s/clusters/c-1/exec',
    });
  });
});
