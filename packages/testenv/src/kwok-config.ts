import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Node } from '@kubernetes/client-node';
import { stringify } from 'yaml';

export interface KwokFiles {
  config: string;
  execWorkDir: string;
  logsFile: string;
  previousLogsFile: string;
}

export interface KwokConfigOptions {
  /** Stage manifests copied from the kwok module (see binaries.ts). */
  stages: string[];
  /** Folder for kwok.yaml, the exec work dir and the simulated container logs. */
  dir: string;
  /** Namespaces where `kubectl exec` is served; every namespace when omitted. */
  execNamespaces?: string[];
  /** Where `kubectl port-forward` to any port of any pod connects (the supervisor's echo server). */
  portForwardTarget?: { address: string; port: number };
}

/**
 * Writes kwok's --config file: the stock stages plus ClusterExec, ClusterLogs and (with a target)
 * ClusterPortForward. Exec runs the command on this host as the kwok process's user, so it is
 * pinned to an empty scratch folder. Port-forward has a single forward without `ports`, which kwok
 * uses for every port of every pod: simulated pods listen nowhere, so all of them lead to one target.
 */
export function writeKwokConfig(options: KwokConfigOptions): KwokFiles {
  const execWorkDir = join(options.dir, 'exec');
  const logsDir = join(options.dir, 'pod-logs');
  mkdirSync(execWorkDir, { recursive: true });
  mkdirSync(logsDir, { recursive: true });
  const logsFile = join(logsDir, 'current.log');
  const previousLogsFile = join(logsDir, 'previous.log');
  writeFileSync(logsFile, criLogLines(sampleLogLines, new Date()));
  writeFileSync(
    previousLogsFile,
    criLogLines(['starting', 'fatal: simulated crash before restart'], new Date(Date.now() - 3_600_000)),
  );

  const selector = options.execNamespaces ? { matchNamespaces: options.execNamespaces } : undefined;
  const documents: unknown[] = [
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterExec',
      metadata: { name: 'testenv-exec' },
      spec: {
        ...(selector ? { selector } : {}),
        execs: [{ local: { workDir: execWorkDir, envs: [{ name: 'HOME', value: execWorkDir }] } }],
      },
    },
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterLogs',
      metadata: { name: 'testenv-logs' },
      spec: { logs: [{ logsFile, previousLogsFile, follow: true }] },
    },
  ];
  if (options.portForwardTarget) {
    const { address, port } = options.portForwardTarget;
    documents.push({
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterPortForward',
      metadata: { name: 'testenv-port-forward' },
      spec: { forwards: [{ target: { address, port } }] },
    });
  }
  const stageDocuments = options.stages.map((file) => readFileSync(file, 'utf8').trim());
  const config = [...documents.map((document) => stringify(document).trim()), ...stageDocuments].join('\n---\n');
  const configPath = join(options.dir, 'kwok.yaml');
  writeFileSync(configPath, `${config}\n`);
  return { config: configPath, execWorkDir, logsFile, previousLogsFile };
}

/** What every simulated container prints; kwok serves the same file for all of them. */
export const sampleLogLines = [
  'starting bokujo testenv workload',
  'listening on :8080',
  'GET /healthz 200 0.4ms',
  'GET /api/items 200 3.1ms',
  'POST /api/items 201 7.9ms',
  'GET /api/items/42 404 0.8ms',
  'cache warmed: 128 entries',
  'GET /healthz 200 0.3ms',
];

/** kwok reads logs through the CRI log parser, so lines must be `<RFC3339Nano> <stream> F <text>`. */
export function criLogLines(lines: string[], start: Date): string {
  return lines
    .map((line, index) => `${new Date(start.getTime() + index * 1000).toISOString()} stdout F ${line}\n`)
    .join('');
}

/**
 * Simulated nodes as kwok expects them: plain Node objects it manages. Capacity looks like a real
 * worker so scheduling decisions are plausible; no taint, so ordinary pods land on them.
 */
export function kwokNodes(count: number): V1Node[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `kwok-node-${index + 1}`;
    const resources = { cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '500Gi' };
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
        labels: {
          type: 'kwok',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/os': 'linux',
          'kubernetes.io/hostname': name,
          'node-role.kubernetes.io/worker': '',
          'topology.kubernetes.io/zone': `zone-${String.fromCharCode(97 + (index % 3))}`,
        },
      },
      spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`] },
      status: { allocatable: resources, capacity: resources },
    } satisfies V1Node;
  });
}
