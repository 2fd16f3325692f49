import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.ts';
import { type EchoServer, portForwardEchoBanner, startEchoServer } from './port-forward-echo.ts';
import { eventually } from './test-support.ts';

/**
 * Sends `text` on a fresh TCP connection and resolves with as many bytes as were sent once they
 * are back. It closes the connection itself: kwok's forward does not pass a half-close on to the
 * target, so waiting for the far side to close would wait forever.
 */
async function rawExchange(port: number, text: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  const expected = Buffer.byteLength(text);
  const received: Buffer[] = [];
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        const all = Buffer.concat(received);
        if (all.length >= expected) resolve(all.toString('utf8'));
      });
      socket.on('error', reject);
      socket.on('close', () => reject(new Error(`closed after ${Buffer.concat(received).length} bytes`)));
      socket.write(text);
    });
  } finally {
    socket.destroy();
  }
}

describe('startEchoServer', () => {
  let echo: EchoServer;
  beforeAll(async () => {
    echo = await startEchoServer();
  });
  afterAll(async () => {
    await echo.close();
  });

  it('answers HTTP requests with the banner, the request line and the body', async () => {
    const get = await fetch(`http://127.0.0.1:${echo.port}/hello?x=1`);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe(`${portForwardEchoBanner}\nGET /hello?x=1\n`);
    const post = await fetch(`http://127.0.0.1:${echo.port}/items`, { method: 'POST', body: 'moo' });
    expect(await post.text()).toBe(`${portForwardEchoBanner}\nPOST /items\nmoo`);
  });

  it('sends back every byte of a connection that does not speak HTTP', async () => {
    expect(await rawExchange(echo.port, 'ping\n')).toBe('ping\n');
    const large = 'x'.repeat(200_000);
    expect(await rawExchange(echo.port, large)).toBe(large);
  });
});

/** A running `kubectl port-forward`, on the local port it picked. */
interface PortForward {
  localPort: number;
  stop(): Promise<void>;
}

async function startPortForward(cluster: Cluster, target: string, remotePort: number): Promise<PortForward> {
  const child: ChildProcess = spawn(
    cluster.kubectlPath,
    ['--kubeconfig', cluster.kubeconfigPath, 'port-forward', '--address', '127.0.0.1', target, `:${remotePort}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const localPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`port-forward did not start: ${output}`)), 30_000);
    const check = () => {
      const match = /Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubectl port-forward exited (${code}): ${output}`));
    });
  });
  return {
    localPort,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('kubectl port-forward through the apiserver', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ name: `vt-port-forward-${process.pid}` });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('reaches the echo server from any port of a pod, over HTTP and raw TCP', async () => {
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    await eventually('the default ServiceAccount', () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' }),
    );
    await core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'web' },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
      },
    });
    await eventually('pod web Running', async () => {
      const pod = await core.readNamespacedPod({ name: 'web', namespace: 'default' });
      return pod.status?.phase === 'Running';
    });

    const http = await startPortForward(cluster, 'pod/web', 80);
    try {
      const response = await fetch(`http://127.0.0.1:${http.localPort}/through/the/apiserver`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(`${portForwardEchoBanner}\nGET /through/the/apiserver\n`);
      expect(await rawExchange(http.localPort, 'ping\n')).toBe('ping\n');
    } finally {
      await http.stop();
    }

    // Any port of any pod leads to the same place: there is no per-port configuration to forget.
    const other = await startPortForward(cluster, 'pod/web', 5432);
    try {
      expect(await rawExchange(other.localPort, 'hello postgres\n')).toBe('hello postgres\n');
    } finally {
      await other.stop();
    }
  });
});
