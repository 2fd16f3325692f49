import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Cluster, ensureBinaries, startCluster } from '@bokujo/testenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);
const chart = join(import.meta.dirname, 'chart', 'bokujo');
const haValues = [
  'replicaCount=3',
  'database.url=postgres://bokujo:secret@postgres.db.svc:5432/bokujo',
  'ingress.enabled=true',
  'ingress.className=nginx',
  'ingress.host=bokujo.example.test',
  'ingress.tls.enabled=true',
  'ingress.tls.secretName=bokujo-tls',
];

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

interface Container {
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  securityContext: Record<string, unknown>;
  livenessProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
  volumeMounts: { name: string; mountPath: string }[];
}

interface PodSpec {
  terminationGracePeriodSeconds: number;
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: { name: string; emptyDir?: object; persistentVolumeClaim?: { claimName: string } }[];
  topologySpreadConstraints?: { topologyKey: string }[];
  affinity?: { podAntiAffinity?: object };
}

let helm: string;

async function template(sets: string[]): Promise<Manifest[]> {
  const args = ['template', 'bokujo', chart, '--namespace', 'bokujo-chart', ...sets.flatMap((set) => ['--set', set])];
  const { stdout } = await run(helm, args);
  return parseAllDocuments(stdout)
    .map((document) => document.toJSON() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

function find(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind);
  if (!found) throw new Error(`no ${kind} among ${manifests.map((m) => m.kind).join(', ')}`);
  return found;
}

function podSpec(manifests: Manifest[]): PodSpec {
  const spec = find(manifests, 'Deployment').spec as { template: { spec: PodSpec } };
  return spec.template.spec;
}

function env(container: Container | undefined, name: string) {
  return container?.env.find((variable) => variable.name === name);
}

beforeAll(async () => {
  helm = (await ensureBinaries()).helm;
}, 600_000);

describe('helm chart docker/chart/bokujo', () => {
  it('passes helm lint with the default values and with replicas on PostgreSQL behind an Ingress', async () => {
    const { stdout } = await run(helm, ['lint', '--strict', chart]);
    expect(stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    const ha = await run(helm, ['lint', '--strict', chart, ...haValues.flatMap((set) => ['--set', set])]);
    expect(ha.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
  });

  it('renders one hardened SQLite replica on a kept PVC by default', async () => {
    const manifests = await template([]);
    expect(manifests.map((manifest) => manifest.kind).sort()).toEqual([
      'Deployment',
      'PersistentVolumeClaim',
      'Secret',
      'Service',
      'ServiceAccount',
    ]);
    const deployment = find(manifests, 'Deployment');
    expect(deployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    const pod = podSpec(manifests);
    const container = pod.containers[0];
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container?.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container?.livenessProbe.httpGet.path).toBe('/api/v1/healthz');
    expect(container?.readinessProbe.httpGet.path).toBe('/api/v1/readyz');
    expect(container?.volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/bokujo' },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
    expect(pod.volumes.find((volume) => volume.name === 'data')?.persistentVolumeClaim?.claimName).toBe('bokujo');
    expect(pod.volumes.find((volume) => volume.name === 'tmp')?.emptyDir).toBeDefined();
    const timeout = Number(env(container, 'BOKUJO_SHUTDOWN_TIMEOUT_SECONDS')?.value);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(timeout);
    expect(env(container, 'BOKUJO_DATABASE_URL')).toBeUndefined();
    expect(env(container, 'BOKUJO_SECRET_KEY')?.valueFrom?.secretKeyRef).toEqual({ name: 'bokujo', key: 'secretKey' });
    // The generated key must be one BOKUJO_SECRET_KEY accepts: 32 bytes.
    const secret = find(manifests, 'Secret');
    expect(Buffer.from(Buffer.from(secret.data?.['secretKey'] ?? '', 'base64').toString(), 'base64')).toHaveLength(32);
    expect(secret.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    expect(pod.topologySpreadConstraints).toBeUndefined();
  });

  it('renders three replicas on PostgreSQL with a PDB, spreading and an Ingress with TLS', async () => {
    const manifests = await template(haValues);
    expect(manifests.map((manifest) => manifest.kind).sort()).toEqual([
      'Deployment',
      'Ingress',
      'PodDisruptionBudget',
      'Secret',
      'Service',
      'ServiceAccount',
    ]);
    expect(find(manifests, 'Deployment').spec).toMatchObject({
      replicas: 3,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } },
    });
    const pod = podSpec(manifests);
    const container = pod.containers[0];
    expect(env(container, 'BOKUJO_DATABASE_URL')?.valueFrom?.secretKeyRef).toEqual({
      name: 'bokujo',
      key: 'databaseUrl',
    });
    expect(Buffer.from(find(manifests, 'Secret').data?.['databaseUrl'] ?? '', 'base64').toString()).toBe(
      'postgres://bokujo:secret@postgres.db.svc:5432/bokujo',
    );
    expect(env(container, 'BOKUJO_TRUST_PROXY')?.value).toBe('true');
    expect(pod.volumes.find((volume) => volume.name === 'data')?.emptyDir).toBeDefined();
    expect(pod.topologySpreadConstraints?.map((constraint) => constraint.topologyKey)).toEqual([
      'kubernetes.io/hostname',
      'topology.kubernetes.io/zone',
    ]);
    expect(pod.affinity?.podAntiAffinity).toBeDefined();
    expect(find(manifests, 'PodDisruptionBudget').spec).toMatchObject({ maxUnavailable: 1 });
    expect(find(manifests, 'Ingress').spec).toMatchObject({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['bokujo.example.test'], secretName: 'bokujo-tls' }],
      rules: [{ host: 'bokujo.example.test' }],
    });
  });

  it('refuses several replicas on SQLite, naming the values to change', async () => {
    const refused = run(helm, ['template', 'bokujo', chart, '--set', 'replicaCount=3']);
    await expect(refused).rejects.toThrow(
      /replicaCount=3 needs PostgreSQL: SQLite allows one replica only\. Set database\.url or database\.existingSecret/,
    );
  });

  it('refuses values the schema rejects and a grace period shorter than the shutdown timeout', async () => {
    await expect(run(helm, ['template', 'bokujo', chart, '--set', 'secret.secretKey=short'])).rejects.toThrow(
      /\/secret\/secretKey/,
    );
    await expect(run(helm, ['template', 'bokujo', chart, '--set', 'terminationGracePeriodSeconds=20'])).rejects.toThrow(
      /terminationGracePeriodSeconds=20 must exceed config\.shutdownTimeoutSeconds=25/,
    );
  });
});

describe('helm chart against a real kube-apiserver', () => {
  let cluster: Cluster;
  let scratch: string;

  beforeAll(async () => {
    cluster = await startCluster({ name: `chart-${process.pid}` });
    scratch = mkdtempSync(join(tmpdir(), 'bokujo-chart-'));
  }, 600_000);

  afterAll(async () => {
    await cluster?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it.each([
    ['default values', 'bokujo-sqlite', [] as string[]],
    ['3 replicas + PostgreSQL + Ingress TLS', 'bokujo-ha', haValues],
  ])('server-side dry-run accepts every object rendered with %s', async (_label, namespace, sets) => {
    await cluster.kubectl(['create', 'namespace', namespace]);
    // The "restricted" Pod Security Standard: the API server warns about any pod template below it.
    await cluster.kubectl(['label', 'namespace', namespace, 'pod-security.kubernetes.io/warn=restricted']);
    const args = ['template', 'bokujo', chart, '--namespace', namespace, ...sets.flatMap((set) => ['--set', set])];
    const rendered = (await run(helm, args)).stdout;
    const file = join(scratch, `${namespace}.yaml`);
    writeFileSync(file, rendered);
    const kinds = parseAllDocuments(rendered).flatMap((document) => {
      const manifest = document.toJSON() as Manifest | null;
      return manifest ? [`${manifest.kind.toLowerCase()}/${manifest.metadata.name}`] : [];
    });

    const { stdout, stderr } = await cluster.kubectl(['apply', '--dry-run=server', '-n', namespace, '-f', file]);
    expect(stderr).not.toMatch(/PodSecurity/);
    // kubectl prints "<kind>.<group>/<name> created (server dry run)" for each object the API accepted.
    const accepted = stdout
      .trim()
      .split('\n')
      .map((line) => line.replace(/^([a-z]+)(\.[a-z0-9.]+)?\/(\S+) created \(server dry run\)$/, '$1/$3'));
    expect(accepted.sort()).toEqual(kinds.sort());
    // A dry run persists nothing.
    const { stdout: left } = await cluster.kubectl(['get', 'deployments', '-n', namespace, '-o', 'name']);
    expect(left.trim()).toBe('');
  });
});
