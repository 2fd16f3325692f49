import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';

/** First line of every HTTP answer, so a test knows it reached this server and nothing else. */
export const portForwardEchoBanner = 'bokujo testenv port-forward echo';

export interface EchoServer {
  /** Loopback address and port kwok forwards every pod port to. */
  address: string;
  port: number;
  close(): Promise<void>;
}

/** A request line as the first bytes of a connection: such a connection gets HTTP, others raw echo. */
const httpRequestLine = /^[A-Z]{3,10} \S+ HTTP\/1\.[01]\r?\n/;
const maxBodyBytes = 1024 * 1024;
const rawIdleTimeoutMs = 60_000;

/**
 * The target of `kubectl port-forward` in a testenv cluster; kwok's nodes run no containers, so
 * this stands in for whatever would listen in the pod. Connections that open with an HTTP/1
 * request line are answered with the banner, the request line and the request body, so curl,
 * fetch and browsers get a plain-text page; any other connection gets back every byte it sends,
 * like an echo service (nc, telnet). Runs inside the supervisor, bound to 127.0.0.1 only.
 */
export async function startEchoServer(): Promise<EchoServer> {
  const http = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(
        `${portForwardEchoBanner}\n${request.method ?? 'GET'} ${request.url ?? '/'}\n${body.toString('utf8')}`,
      );
    });
  });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A forwarded connection that is reset or cut must not take the supervisor down.
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      if (httpRequestLine.test(first.subarray(0, 1024).toString('latin1'))) {
        socket.pause();
        socket.unshift(first);
        http.emit('connection', socket);
        socket.resume();
        return;
      }
      // kwok does not pass a client's half-close on to the target, so a raw connection cannot end
      // by itself; an idle limit keeps forgotten ones from piling up in the supervisor.
      socket.setTimeout(rawIdleTimeoutMs, () => socket.destroy());
      socket.write(first);
      socket.pipe(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('unexpected echo server address');
  return {
    address: '127.0.0.1',
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
