import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { readState } from './cluster-state.ts';
import { clusterDir } from './paths.ts';
import { isAlive } from './proc.ts';

const cliPath = new URL('./cli.ts', import.meta.url).pathname;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', cliPath, ...args],
      { timeout: 240_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('cluster CLI', () => {
  it('brings a detached cluster up with demo data, lists it and takes it down', async () => {
    const name = `vt-cli-${process.pid}`;
    const up = await cli('up', name, '--nodes', '2', '--demo');
    expect(up.stderr).toContain(`cluster ${name} is ready`);
    expect(up.code).toBe(0);
    const kubeconfigPath = up.stdout.trim().split('\n').at(-1) ?? '';
    expect(isAbsolute(kubeconfigPath)).toBe(true);

    try {
      // The CLI has exited; the supervisor it launched keeps the cluster running.
      const state = readState(clusterDir(name));
      expect(state?.phase).toBe('ready');
      expect(isAlive(state?.supervisorPid ?? 0)).toBe(true);

      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(kubeconfigPath);
      const core = kubeConfig.makeApiClient(CoreV1Api);
      expect((await core.listNode()).items).toHaveLength(2);
      const namespaces = (await core.listNamespace({ labelSelector: 'bokujo.test/demo=true' })).items.map(
        (ns) => ns.metadata?.name,
      );
      expect(namespaces.sort()).toEqual(['mongodb', 'shop', 'wordpress']);
      const claims = await core.listNamespacedPersistentVolumeClaim({ namespace: 'mongodb' });
      expect(claims.items.map((pvc) => [pvc.metadata?.name, pvc.status?.phase])).toEqual([
        ['datadir-mongodb-replicaset-0', 'Bound'],
        ['datadir-mongodb-replicaset-1', 'Bound'],
        ['datadir-mongodb-replicaset-2', 'Bound'],
      ]);

      const list = await cli('list', '--json');
      const entry = (JSON.parse(list.stdout) as { name: string; status: string; kubeconfigPath: string }[]).find(
        (item) => item.name === name,
      );
      expect(entry).toMatchObject({ status: 'ready', kubeconfigPath });
      expect((await cli('list')).stdout).toMatch(
        new RegExp(`^${name}\\s+ready\\s+2\\s+https://127\\.0\\.0\\.1:\\d+`, 'm'),
      );

      // A second `up` finds the running cluster instead of failing.
      const again = await cli('up', name);
      expect(again.code).toBe(0);
      expect(again.stdout.trim()).toBe(kubeconfigPath);
    } finally {
      const pids = Object.values(readState(clusterDir(name))?.pids ?? {});
      const down = await cli('down', name);
      expect(down.code).toBe(0);
      expect(down.stderr).toContain(`cluster ${name} stopped and removed`);
      expect(pids.filter(isAlive)).toEqual([]);
    }
    expect(existsSync(clusterDir(name))).toBe(false);
    expect((await cli('list', '--json')).stdout).not.toContain(name);
  });

  it('rejects unknown commands and missing names with usage errors', async () => {
    const unknown = await cli('explode');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "explode"');
    const missing = await cli('down');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('down needs a cluster NAME');
  });
});
