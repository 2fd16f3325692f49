import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { readState } from './cluster-state.ts';
import { clusterDir } from './paths.ts';
import { type Cluster, listClusters, startCluster, stopCluster } from './cluster.ts';
import { isAlive, waitForExit } from './proc.ts';
import { eventually, statusOf } from './test-support.ts';

const clusterModule = new URL('./cluster.ts', import.meta.url).pathname;

describe('cluster lifecycle', () => {
  it('runs two clusters at once, each with its own etcd, and stop() leaves no process behind', async () => {
    const names = [`vt-a-${process.pid}`, `vt-b-${process.pid}`];
    const clusters: Cluster[] = await Promise.all(names.map((name) => startCluster({ name })));
    try {
      const [a, b] = clusters as [Cluster, Cluster];
      expect(a.server).not.toBe(b.server);
      expect(new Set([...a.pids(), ...b.pids()]).size).toBe(a.pids().length + b.pids().length);
      // supervisor + etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok
      expect(a.pids()).toHaveLength(6);

      const coreA = a.kubeConfig.makeApiClient(CoreV1Api);
      const coreB = b.kubeConfig.makeApiClient(CoreV1Api);
      await coreA.createNamespace({ body: { metadata: { name: 'only-in-a' } } });
      expect(await statusOf(coreA.readNamespace({ name: 'only-in-a' }))).toBeUndefined();
      expect(await statusOf(coreB.readNamespace({ name: 'only-in-a' }))).toBe(404);
      // Each cluster has its own CA: a's admin is a stranger to b.
      expect(a.kubeConfig.getCurrentCluster()?.caData).not.toBe(b.kubeConfig.getCurrentCluster()?.caData);
      expect(
        listClusters()
          .filter((summary) => names.includes(summary.name))
          .map((summary) => summary.status),
      ).toEqual(['ready', 'ready']);
    } finally {
      await Promise.all(clusters.map((cluster) => cluster.stop()));
    }
    for (const cluster of clusters) {
      expect(cluster.pids().filter(isAlive)).toEqual([]);
      expect(existsSync(cluster.dir)).toBe(false);
    }
  });

  it('stops an attached cluster when the process that started it is killed', async () => {
    const name = `vt-orphan-${process.pid}`;
    const script = join(mkdtempSync(join(tmpdir(), 'testenv-launcher-')), 'launcher.ts');
    writeFileSync(
      script,
      [
        `import { startCluster } from ${JSON.stringify(clusterModule)};`,
        `const cluster = await startCluster({ name: ${JSON.stringify(name)} });`,
        'process.stdout.write(JSON.stringify(cluster.pids()) + "\\n");',
        'setInterval(() => {}, 1000);',
      ].join('\n'),
    );
    const launcher = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const pids = await new Promise<number[]>((resolve, reject) => {
        let output = '';
        launcher.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('\n')) resolve(JSON.parse(output) as number[]);
        });
        launcher.on('exit', (code) => reject(new Error(`launcher exited early (${code})`)));
      });
      expect(pids.every(isAlive)).toBe(true);
      launcher.kill('SIGKILL');
      expect(await waitForExit(pids, 60_000)).toEqual([]);
      // With no launcher left to call stop(), the supervisor removes the folder itself.
      await eventually('cluster folder removed', async () => !existsSync(clusterDir(name)));
    } finally {
      launcher.kill('SIGKILL');
      await stopCluster(name);
    }
  });

  it('takes every component down with the supervisor, even when the supervisor is SIGKILLed', async () => {
    const cluster = await startCluster({ name: `vt-kill-${process.pid}` });
    try {
      const [supervisor, ...components] = cluster.pids();
      process.kill(supervisor ?? 0, 'SIGKILL');
      expect(await waitForExit(components, 30_000)).toEqual([]);
      const state = await eventually('state left behind', async () => readState(cluster.dir));
      expect(listClusters().find((summary) => summary.name === cluster.name)?.status).toBe('dead');
      expect(state.name).toBe(cluster.name);
      // The next start prunes attached clusters whose supervisor is gone.
      const next = await startCluster({ name: `vt-next-${process.pid}` });
      await next.stop();
      expect(existsSync(cluster.dir)).toBe(false);
    } finally {
      await cluster.stop();
    }
    expect(existsSync(cluster.dir)).toBe(false);
  });

  it('explains a taken apiserver port instead of starting', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startCluster({ name: `vt-port-${process.pid}`, apiServerPort: port })).rejects.toThrow(
        new RegExp(`port ${port} on 127.0.0.1 is already in use`),
      );
    } finally {
      blocker.close();
      await stopCluster(`vt-port-${process.pid}`);
    }
  });
});
