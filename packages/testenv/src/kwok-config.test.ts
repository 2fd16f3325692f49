import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { criLogLines, kwokNodes, writeKwokConfig } from './kwok-config.ts';

describe('writeKwokConfig', () => {
  it('combines the stages with exec confined to a scratch folder and file-backed logs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwok-config-'));
    const stage = join(dir, 'pod-ready.yaml');
    writeFileSync(stage, 'apiVersion: kwok.x-k8s.io/v1alpha1\nkind: Stage\nmetadata:\n  name: pod-ready\n');
    const files = writeKwokConfig({
      stages: [stage],
      dir,
      execNamespaces: ['team-a'],
      portForwardTarget: { address: '127.0.0.1', port: 40123 },
    });

    const documents = parseAllDocuments(readFileSync(files.config, 'utf8')).map(
      (document) => document.toJS() as { kind: string; spec?: unknown },
    );
    expect(documents.map((document) => document.kind)).toEqual([
      'ClusterExec',
      'ClusterLogs',
      'ClusterPortForward',
      'Stage',
    ]);
    expect(documents[0]?.spec).toEqual({
      selector: { matchNamespaces: ['team-a'] },
      execs: [{ local: { workDir: files.execWorkDir, envs: [{ name: 'HOME', value: files.execWorkDir }] } }],
    });
    expect(documents[1]?.spec).toEqual({
      logs: [{ logsFile: files.logsFile, previousLogsFile: files.previousLogsFile, follow: true }],
    });
    // No `ports` and no selector: every port of every pod, in every namespace, reaches the target.
    expect(documents[2]?.spec).toEqual({ forwards: [{ target: { address: '127.0.0.1', port: 40123 } }] });
    expect(readFileSync(files.logsFile, 'utf8')).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z stdout F starting bokujo testenv workload\n/,
    );
  });

  it('leaves port-forward out without a target, and exec open to every namespace without a list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwok-config-'));
    const files = writeKwokConfig({ stages: [], dir });
    const documents = parseAllDocuments(readFileSync(files.config, 'utf8')).map(
      (document) => document.toJS() as { kind: string; spec?: { selector?: unknown } },
    );
    expect(documents.map((document) => document.kind)).toEqual(['ClusterExec', 'ClusterLogs']);
    expect(documents[0]?.spec?.selector).toBeUndefined();
  });
});

describe('criLogLines', () => {
  it('writes one CRI line per message, a second apart', () => {
    expect(criLogLines(['a', 'b'], new Date('2026-01-01T00:00:00Z'))).toBe(
      '2026-01-01T00:00:00.000Z stdout F a\n2026-01-01T00:00:01.000Z stdout F b\n',
    );
  });
});

describe('kwokNodes', () => {
  it('describes untainted linux workers with realistic capacity and their own pod ranges', () => {
    const nodes = kwokNodes(3);
    expect(nodes.map((node) => node.metadata?.name)).toEqual(['kwok-node-1', 'kwok-node-2', 'kwok-node-3']);
    for (const node of nodes) {
      expect(node.metadata?.labels).toMatchObject({ type: 'kwok', 'kubernetes.io/os': 'linux' });
      expect(node.spec?.taints).toBeUndefined();
      expect(node.status?.capacity).toMatchObject({ cpu: '32', memory: '256Gi', pods: '110' });
    }
    expect(new Set(nodes.map((node) => node.spec?.podCIDR)).size).toBe(3);
  });
});
