import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface RoundRobinProxy {
  url: string;
  /** Which backend (index) served each request and upgrade, in order. */
  served: number[];
  close(): Promise<void>;
}

/**
 * A load balancer for tests: every HTTP request and every upgrade goes to the next backend in
 * turn, on a fresh connection, as a Kubernetes Service spreading requests over replicas would.
 */
export async function startRoundRobinProxy(
  backends: readonly { host: string; port: number }[],
): Promise<RoundRobinProxy> {
  let next = 0;
  const served: number[] = [];
  const sockets = new Set<Socket | Duplex>();
  const pick = () => {
    const index = next;
    next = (next + 1) % backends.length;
    served.push(index);
    return backends[index]!;
  };

  const server: Server = createServer((request, response) => {
    const backend = pick();
    const upstream = httpRequest(
      { host: backend.host, port: backend.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502).end('backend unreachable');
      else response.destroy();
    });
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const backend = pick();
    const upstream = connect(backend.port, backend.host, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2)
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
    for (const side of [socket, upstream]) {
      sockets.add(side);
      side.on('close', () => sockets.delete(side));
      side.on('error', () => undefined);
    }
    // A half close is passed on (a clean websocket close ends with one); a reset ends both.
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });

  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the proxy has no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    served,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    },
  };
}
