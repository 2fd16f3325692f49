import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Binaries } from './binaries.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { writeKwokConfig } from './kwok-config.ts';
import { type ClusterPki, generatePki, type IdentitySpec, type PkiFiles, writePki } from './pki.ts';
import { startEchoServer } from './port-forward-echo.ts';
import { assertPortFree, freePorts, httpsGet, type ManagedProcess, startProcess, waitUntil } from './processes.ts';

export interface Ports {
  apiServer: number;
  etcdClient: number;
  etcdPeer: number;
  controllerManager: number;
  scheduler: number;
  /** kwok's kubelet-like server: exec, logs, port-forward for every simulated node. */
  kwok: number;
  /** The echo server in the supervisor that every pod port-forward reaches. */
  portForwardEcho: number;
}

export interface ControlPlaneConfig {
  name: string;
  dir: string;
  binaries: Binaries;
  identities: IdentitySpec[];
  /** Fixed apiserver port; a free one when omitted. */
  apiServerPort?: number;
  /** Namespaces where kwok serves exec; all when omitted. */
  execNamespaces?: string[];
  log: (line: string) => void;
  /** Called for each process as it starts, so the caller can stop it even if startup is interrupted. */
  track?: (child: ManagedProcess) => void;
}

export interface IdentityFile {
  name: string;
  groups: string[];
  token: string;
  kubeconfigPath: string;
}

export interface ControlPlane {
  server: string;
  ports: Ports;
  kubeconfigPath: string;
  pki: ClusterPki;
  pkiFiles: PkiFiles;
  identities: IdentityFile[];
  processes: ManagedProcess[];
  /** Stops every component, newest first. */
  stop(): Promise<void>;
}

const serviceClusterIpRange = '10.96.0.0/16';
const podCidr = '10.244.0.0/16';
const startTimeoutMs = 120_000;

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok for one cluster,
 * each on its own free 127.0.0.1 port, and waits for each to report healthy. On any failure the
 * components already started are stopped before the error (with the failing log's tail) is thrown.
 */
export async function startControlPlane(config: ControlPlaneConfig): Promise<ControlPlane> {
  const { dir, binaries } = config;
  const logsDir = join(dir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  if (config.apiServerPort !== undefined) await assertPortFree(config.apiServerPort);
  const [etcdClient, etcdPeer, controllerManager, scheduler, kwok, apiServer] = (await freePorts(6)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Bound here, not picked: it lives in this process, so its port can never be taken in between.
  const echo = await startEchoServer();
  const ports: Ports = {
    apiServer: config.apiServerPort ?? apiServer,
    etcdClient,
    etcdPeer,
    controllerManager,
    scheduler,
    kwok,
    portForwardEcho: echo.port,
  };
  const server = `https://127.0.0.1:${ports.apiServer}`;

  const pki = await generatePki(config.name, config.identities);
  const files = writePki(join(dir, 'pki'), pki);
  const kubeconfigPath = join(dir, 'kubeconfig.yaml');
  const admin = kubeconfigYaml({
    cluster: config.name,
    server,
    caCert: pki.ca.cert,
    user: { name: `${config.name}-admin`, cert: pki.admin.cert, key: pki.admin.key },
  });
  writeFileSync(kubeconfigPath, admin, { mode: 0o600 });
  const identities = pki.identities.map((identity): IdentityFile => {
    const path = join(dir, `kubeconfig-${identity.name}.yaml`);
    writeFileSync(
      path,
      kubeconfigYaml({
        cluster: config.name,
        server,
        caCert: pki.ca.cert,
        user: { name: identity.name, cert: identity.cert, key: identity.key },
      }),
      { mode: 0o600 },
    );
    return { name: identity.name, groups: identity.groups, token: identity.token, kubeconfigPath: path };
  });
  const kwokFiles = writeKwokConfig({
    stages: binaries.stages,
    dir: join(dir, 'kwok'),
    ...(config.execNamespaces ? { execNamespaces: config.execNamespaces } : {}),
    portForwardTarget: { address: echo.address, port: echo.port },
  });

  const processes: ManagedProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of [...processes].reverse()) await child.stop();
    await echo.close();
  };
  const start = (name: string, command: string, args: string[]): ManagedProcess => {
    const child = startProcess({ name, command, args, cwd: dir, logPath: join(logsDir, `${name}.log`) });
    processes.push(child);
    config.track?.(child);
    return child;
  };
  const tls = { ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key };

  try {
    config.log(`starting etcd on 127.0.0.1:${ports.etcdClient}`);
    const etcdData = join(dir, 'etcd');
    rmSync(etcdData, { recursive: true, force: true });
    const etcd = start('etcd', binaries.etcd, [
      '--name=node0',
      `--data-dir=${etcdData}`,
      `--listen-client-urls=http://127.0.0.1:${ports.etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${ports.etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
      `--initial-cluster=node0=http://127.0.0.1:${ports.etcdPeer}`,
      '--initial-cluster-state=new',
      '--auto-compaction-retention=1',
      '--quota-backend-bytes=8589934592',
      // Test data is disposable: skipping fsync makes writes far cheaper on a shared disk.
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ]);
    await waitUntil(
      'etcd health',
      async () => (await httpGet(`http://127.0.0.1:${ports.etcdClient}/health`)).includes('"health":"true"'),
      {
        process: etcd,
        timeoutMs: startTimeoutMs,
      },
    );

    config.log(`starting kube-apiserver on ${server}`);
    const apiServerProcess = start('kube-apiserver', binaries.kubeApiserver, [
      `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
      '--bind-address=127.0.0.1',
      // Without these two the apiserver looks for a default route (there may be none) and keeps
      // trying to publish loopback Endpoints for the kubernetes Service, which validation rejects.
      '--advertise-address=127.0.0.1',
      '--endpoint-reconciler-type=none',
      `--secure-port=${ports.apiServer}`,
      `--cert-dir=${join(dir, 'pki', 'generated')}`,
      `--service-cluster-ip-range=${serviceClusterIpRange}`,
      `--tls-cert-file=${files.apiServerCert}`,
      `--tls-private-key-file=${files.apiServerKey}`,
      `--client-ca-file=${files.caCert}`,
      `--token-auth-file=${files.tokens}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${files.serviceAccountPublicKey}`,
      `--service-account-signing-key-file=${files.serviceAccountPrivateKey}`,
      '--authorization-mode=Node,RBAC',
      // Added to the default set (which includes DefaultStorageClass, ServiceAccount, ResourceQuota...).
      '--enable-admission-plugins=NodeRestriction',
      '--allow-privileged=true',
      '--kubelet-preferred-address-types=InternalIP,Hostname',
      `--kubelet-client-certificate=${files.kubeletClientCert}`,
      `--kubelet-client-key=${files.kubeletClientKey}`,
      `--kubelet-certificate-authority=${files.caCert}`,
      '--profiling=false',
      '--v=1',
    ]);
    await waitUntil('kube-apiserver /readyz', async () => (await httpsGet(`${server}/readyz`, tls)).status === 200, {
      process: apiServerProcess,
      timeoutMs: startTimeoutMs,
    });

    config.log('starting kube-controller-manager, kube-scheduler and kwok');
    const componentKubeconfig = [
      `--kubeconfig=${kubeconfigPath}`,
      `--authentication-kubeconfig=${kubeconfigPath}`,
      `--authorization-kubeconfig=${kubeconfigPath}`,
      '--bind-address=127.0.0.1',
      '--leader-elect=false',
      '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
    ];
    const controllerManagerProcess = start('kube-controller-manager', binaries.kubeControllerManager, [
      ...componentKubeconfig,
      `--secure-port=${ports.controllerManager}`,
      `--cert-dir=${join(dir, 'pki', 'generated')}`,
      `--root-ca-file=${files.caCert}`,
      `--service-account-private-key-file=${files.serviceAccountPrivateKey}`,
      `--cluster-signing-cert-file=${files.caCert}`,
      `--cluster-signing-key-file=${files.caKey}`,
      `--service-cluster-ip-range=${serviceClusterIpRange}`,
      // kwok renews node leases lazily; kwokctl pairs a 200 s lease with this grace period.
      '--node-monitor-period=25s',
      '--node-monitor-grace-period=3m20s',
      '--kube-api-qps=100',
      '--kube-api-burst=200',
      '--profiling=false',
      '--v=1',
    ]);
    const schedulerProcess = start('kube-scheduler', binaries.kubeScheduler, [
      ...componentKubeconfig,
      `--secure-port=${ports.scheduler}`,
      `--cert-dir=${join(dir, 'pki', 'generated')}`,
      '--kube-api-qps=100',
      '--kube-api-burst=200',
      '--profiling=false',
      '--v=1',
    ]);
    const kwokProcess = start('kwok', binaries.kwok, [
      `--kubeconfig=${kubeconfigPath}`,
      `--config=${kwokFiles.config}`,
      '--manage-all-nodes=true',
      '--node-ip=127.0.0.1',
      `--node-port=${ports.kwok}`,
      `--server-address=127.0.0.1:${ports.kwok}`,
      `--tls-cert-file=${files.kwokServingCert}`,
      `--tls-private-key-file=${files.kwokServingKey}`,
      `--cidr=${podCidr}`,
      '--node-lease-duration-seconds=200',
      '--v=-4',
    ]);
    const insecure = { insecure: true };
    await Promise.all([
      waitUntil(
        'kube-controller-manager /healthz',
        async () => (await httpsGet(`https://127.0.0.1:${ports.controllerManager}/healthz`, insecure)).status === 200,
        { process: controllerManagerProcess, timeoutMs: startTimeoutMs },
      ),
      waitUntil(
        'kube-scheduler /readyz',
        async () => (await httpsGet(`https://127.0.0.1:${ports.scheduler}/readyz`, insecure)).status === 200,
        { process: schedulerProcess, timeoutMs: startTimeoutMs },
      ),
      waitUntil(
        'kwok /healthz',
        async () => (await httpGet(`http://127.0.0.1:${ports.kwok}/healthz`)).trim() === 'ok',
        {
          process: kwokProcess,
          timeoutMs: startTimeoutMs,
        },
      ),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }

  return { server, ports, kubeconfigPath, pki, pkiFiles: files, identities, processes, stop };
}

async function httpGet(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return response.text();
}
