import { execFile, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { ensureBinaries, type Versions } from './binaries.ts';
import {
  type ClusterIdentityState,
  type ClusterState,
  liveComponentPids,
  readState,
  supervisorAlive,
  type SupervisorConfig,
  type SupervisorMessage,
  supervisorScriptName,
} from './cluster-state.ts';
import { withLogTail } from './log-tail.ts';
import { assertClusterName, clusterDir, clustersRoot } from './paths.ts';
import { defaultIdentities, type IdentitySpec } from './pki.ts';
import { isAlive, signal, waitForExit } from './proc.ts';

export interface StartClusterOptions {
  /** Folder and kubeconfig context name; random when omitted. */
  name?: string;
  /** Number of simulated (kwok) nodes, 1 by default. */
  nodes?: number;
  /** Seed the demo namespaces, workloads, claims and events. */
  demo?: boolean;
  /** Extra users for RBAC tests; alice, bob and carol by default. */
  identities?: IdentitySpec[];
  /** Fixed apiserver port instead of a free one. */
  apiServerPort?: number;
  /** Limit `kubectl exec` to these namespaces (all by default). */
  execNamespaces?: string[];
  /**
   * Keep the cluster running after this process exits (the CLI's `up`). Attached clusters, the
   * default, stop when the launching process goes away, however it ends.
   */
  detached?: boolean;
  /** Keep the cluster folder (logs, etcd data) after stop(). */
  keepState?: boolean;
  /** Overrides the state and cache root (default: BOKUJO_TESTENV_HOME or ~/.cache/bokujo/testenv). */
  home?: string;
  /** Overall limit for building (when needed) and starting; 10 minutes by default, plus build time. */
  timeoutMs?: number;
  /** Progress lines while building and starting. */
  onProgress?: (line: string) => void;
}

export interface Identity extends ClusterIdentityState {
  /** Client-certificate credentials for this user. */
  kubeConfig: KubeConfig;
}

export interface Cluster {
  name: string;
  dir: string;
  /** https://127.0.0.1:<port> */
  server: string;
  /** Absolute path of the admin (system:masters) kubeconfig; credentials are embedded. */
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  identities: Record<string, Identity>;
  kubectlPath: string;
  versions: Versions;
  /** Seconds the supervisor took from launch to ready. */
  startSeconds: number;
  /** The supervisor's and every component's pid. */
  pids(): number[];
  /**
   * Freezes (SIGSTOP) or thaws (SIGCONT) the kube-apiserver: the cluster stops answering and then
   * answers again with the same state and credentials, as after a network partition or a restart.
   */
  pauseApiServer(): void;
  resumeApiServer(): void;
  /** Runs the cluster's own kubectl with the admin kubeconfig. */
  kubectl(args: string[], options?: { timeoutMs?: number }): Promise<{ stdout: string; stderr: string }>;
  /** Stops every process of the cluster and removes its folder (unless keepState). */
  stop(): Promise<void>;
}

function signalApiServer(state: ClusterState, signalName: 'SIGSTOP' | 'SIGCONT') {
  const pid = (readState(state.dir) ?? state).pids['kube-apiserver'];
  if (!pid) throw new Error(`cluster ${state.name} has no running kube-apiserver`);
  process.kill(pid, signalName);
}

const supervisorPath = join(fileURLToPath(new URL('.', import.meta.url)), supervisorScriptName);

/**
 * Starts a real Kubernetes control plane with kwok nodes, the Trident-like provisioner and test
 * identities, and resolves once a pod created now would run. Binaries are built on first use.
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<Cluster> {
  const name = options.name ?? `testenv-${randomBytes(3).toString('hex')}`;
  assertClusterName(name);
  const nodes = options.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 200)
    throw new Error(`nodes must be an integer from 1 to 200, got ${nodes}`);
  const home = options.home;
  const progress = options.onProgress ?? (() => {});

  const binaries = await ensureBinaries({ ...(home ? { home } : {}), log: progress });
  const dir = clusterDir(name, home);
  await pruneDeadAttachedClusters(home);
  await clearStaleCluster(name, dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const config: SupervisorConfig = {
    name,
    dir,
    nodes,
    demo: options.demo ?? false,
    detached: options.detached ?? false,
    keepState: options.keepState ?? false,
    identities: options.identities ?? defaultIdentities,
    binaries,
    ...(options.apiServerPort !== undefined ? { apiServerPort: options.apiServerPort } : {}),
    ...(options.execNamespaces ? { execNamespaces: options.execNamespaces } : {}),
  };
  const configPath = join(dir, 'supervisor.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  const logPath = join(dir, 'supervisor.log');
  const logFd = openSync(logPath, 'a');
  // detached: its own process group, so a terminal's Ctrl-C reaches the launcher, which then stops
  // it in order, and never the components directly.
  const child = fork(supervisorPath, [configPath], {
    execPath: process.execPath,
    execArgv: ['--disable-warning=ExperimentalWarning'],
    cwd: dir,
    detached: true,
    stdio: ['ignore', logFd, logFd, 'ipc'],
  });
  closeSync(logFd);

  const state = await new Promise<ClusterState>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal(child.pid ?? 0, 'SIGTERM');
      reject(
        new Error(
          withLogTail(`cluster ${name} was not ready after ${(options.timeoutMs ?? 600_000) / 1000}s`, logPath),
        ),
      );
    }, options.timeoutMs ?? 600_000);
    child.on('message', (message: SupervisorMessage) => {
      if (message.type === 'progress') progress(message.message);
      else if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.state);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`cluster ${name} failed to start: ${message.message}\n  cluster folder: ${dir}`));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(withLogTail(`cluster ${name}'s supervisor exited (${code}) before the cluster was ready`, logPath)),
      );
    });
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  if (config.detached) {
    child.disconnect();
  } else {
    // The launcher may exit without calling stop(); the IPC channel then closes and the
    // supervisor stops the cluster, so neither needs to keep the other's event loop alive.
    child.channel?.unref();
  }
  child.unref();

  let stopping: Promise<void> | undefined;
  return handle(state, {
    stop: () =>
      (stopping ??= (async () => {
        if (config.detached) {
          await stopCluster(name, home ? { home } : {});
          return;
        }
        signal(state.supervisorPid, 'SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 70_000))]);
        if (isAlive(state.supervisorPid)) signal(state.supervisorPid, 'SIGKILL');
        await killLeftovers(state);
        if (!options.keepState) rmSync(dir, { recursive: true, force: true });
      })()),
  });
}

/** A handle on a cluster started elsewhere, e.g. by `npm run cluster -- up NAME`. */
export function getCluster(name: string, options: { home?: string } = {}): Cluster {
  const dir = clusterDir(name, options.home);
  const state = readState(dir);
  if (!state || state.phase !== 'ready' || !supervisorAlive(state))
    throw new Error(`cluster ${name} is not running (folder ${dir})`);
  return handle(state, { stop: () => stopCluster(name, options).then(() => undefined) });
}

function handle(state: ClusterState, actions: { stop: () => Promise<void> }): Cluster {
  if (!state.server || !state.kubeconfigPath) throw new Error(`cluster ${state.name} has no server yet`);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(state.kubeconfigPath);
  const identities = Object.fromEntries(
    state.identities.map((identity) => {
      const identityConfig = new KubeConfig();
      identityConfig.loadFromFile(identity.kubeconfigPath);
      return [identity.name, { ...identity, kubeConfig: identityConfig }];
    }),
  );
  const kubeconfigPath = state.kubeconfigPath;
  return {
    name: state.name,
    dir: state.dir,
    server: state.server,
    kubeconfigPath,
    kubeConfig,
    identities,
    kubectlPath: state.kubectlPath,
    versions: state.versions,
    startSeconds: state.startSeconds ?? 0,
    pids: () => [state.supervisorPid, ...Object.values(state.pids)],
    pauseApiServer: () => signalApiServer(state, 'SIGSTOP'),
    resumeApiServer: () => signalApiServer(state, 'SIGCONT'),
    kubectl: (args, kubectlOptions = {}) =>
      new Promise((resolve, reject) => {
        execFile(
          state.kubectlPath,
          ['--kubeconfig', kubeconfigPath, ...args],
          { timeout: kubectlOptions.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            if (error) reject(new Error(`kubectl ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
            else resolve({ stdout, stderr });
          },
        );
      }),
    stop: actions.stop,
  };
}

/**
 * Stops a cluster by name (the CLI's `down`): SIGTERM to its supervisor, SIGKILL to anything
 * left, then removes its folder. Returns false when there was no such cluster.
 */
export async function stopCluster(name: string, options: { home?: string } = {}): Promise<boolean> {
  assertClusterName(name);
  const dir = clusterDir(name, options.home);
  if (!existsSync(dir)) return false;
  const state = readState(dir);
  if (state) {
    if (supervisorAlive(state)) {
      signal(state.supervisorPid, 'SIGTERM');
      const left = await waitForExit([state.supervisorPid], 70_000);
      for (const pid of left) signal(pid, 'SIGKILL');
    }
    await killLeftovers(state);
  }
  rmSync(dir, { recursive: true, force: true });
  return true;
}

export interface ClusterSummary {
  name: string;
  /** `ready`, `starting`, `stopping`, `failed`, or `dead` when its supervisor is gone. */
  status: string;
  server?: string;
  kubeconfigPath?: string;
  nodes: number;
  detached: boolean;
  startedAt?: string;
  error?: string;
}

export function listClusters(options: { home?: string } = {}): ClusterSummary[] {
  const root = clustersRoot(options.home);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const state = readState(join(root, entry.name));
      if (!state) return { name: entry.name, status: 'dead', nodes: 0, detached: false };
      const alive = supervisorAlive(state);
      return {
        name: state.name,
        status: alive ? state.phase : state.phase === 'failed' ? 'failed' : 'dead',
        nodes: state.nodes,
        detached: state.detached,
        startedAt: state.startedAt,
        ...(state.server ? { server: state.server } : {}),
        ...(state.kubeconfigPath ? { kubeconfigPath: state.kubeconfigPath } : {}),
        ...(state.error ? { error: state.error } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function clearStaleCluster(name: string, dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const state = readState(dir);
  if (state && supervisorAlive(state)) {
    throw new Error(
      `cluster ${name} is already running (supervisor pid ${state.supervisorPid}); stop it with: npm run cluster -- down ${name}`,
    );
  }
  if (state) await killLeftovers(state);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes what attached clusters leave when their supervisor is killed outright (it normally
 * removes its own folder): they have no owner left, unlike detached ones, which `list` shows as
 * dead until `down`.
 */
async function pruneDeadAttachedClusters(home: string | undefined): Promise<void> {
  const root = clustersRoot(home);
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name);
    const state = readState(dir);
    if (!state || state.detached || supervisorAlive(state)) continue;
    await killLeftovers(state);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Last resort after the supervisor is gone: its components die with it, but verify and enforce. */
async function killLeftovers(state: ClusterState): Promise<void> {
  const left = await waitForExit(liveComponentPids(state), 5_000);
  for (const pid of left) if (isAlive(pid)) signal(pid, 'SIGKILL');
  await waitForExit(left, 5_000);
}
