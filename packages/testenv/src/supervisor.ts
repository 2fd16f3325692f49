// The process that owns one cluster: it starts the control plane, runs the provisioner and stops
// everything on SIGTERM/SIGINT/SIGHUP, on a `stop` message, or (for attached clusters) when the
// launcher's IPC channel closes because the launcher exited. Run by cluster.ts, never by hand.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { type ClusterState, type SupervisorConfig, type SupervisorMessage, writeState } from './cluster-state.ts';
import { type ControlPlane, startControlPlane } from './control-plane.ts';
import { seedDemoData } from './demo-data.ts';
import type { ManagedProcess } from './processes.ts';
import { type Provisioner, startProvisioner } from './provisioner.ts';
import { seedCluster, waitForClusterReady } from './seed.ts';

const configPath = process.argv[2];
if (!configPath) {
  process.stderr.write('usage: supervisor.ts <supervisor.json>\n');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configPath, 'utf8')) as SupervisorConfig;
const startedAt = Date.now();
const readyTimeoutMs = 180_000;

const state: ClusterState = {
  name: config.name,
  dir: config.dir,
  phase: 'starting',
  supervisorPid: process.pid,
  detached: config.detached,
  nodes: config.nodes,
  demo: config.demo,
  pids: {},
  identities: [],
  versions: config.binaries.versions,
  kubectlPath: config.binaries.kubectl,
  startedAt: new Date(startedAt).toISOString(),
};
writeState(state);

let plane: ControlPlane | undefined;
/** Every component ever started, so a shutdown during startup stops the half-started ones too. */
const tracked: ManagedProcess[] = [];
let provisioner: Provisioner | undefined;
let ready = false;
let shuttingDown = false;

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

function send(message: SupervisorMessage): void {
  if (process.connected) process.send?.(message);
}

function progress(message: string): void {
  log(message);
  send({ type: 'progress', message });
}

async function shutdown(reason: string, exitCode: number, removeState = false): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`stopping cluster ${config.name}: ${reason}`);
  if (state.phase !== 'failed') state.phase = 'stopping';
  writeState(state);
  // A hung component must not keep the supervisor (and so the launcher's stop()) waiting forever.
  setTimeout(() => {
    log('shutdown took too long; exiting');
    process.exit(exitCode || 1);
  }, 60_000).unref();
  try {
    await provisioner?.stop();
  } catch (error) {
    log(`provisioner stop failed: ${String(error)}`);
  }
  for (const child of [...tracked].reverse()) await child.stop();
  log('all components stopped');
  if (removeState) rmSync(config.dir, { recursive: true, force: true });
  if (process.connected) process.disconnect();
  process.exit(exitCode);
}

for (const signalName of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signalName, () => void shutdown(`received ${signalName}`, 0));
}
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') void shutdown('stop requested', 0);
});
// Nobody is left to clean up after an attached cluster whose launcher died, so it cleans up itself.
process.on('disconnect', () => {
  if (!ready || !config.detached) void shutdown('launcher went away', 0, !config.detached && !config.keepState);
});

async function startWithRetry(): Promise<ControlPlane> {
  const options = {
    name: config.name,
    dir: config.dir,
    binaries: config.binaries,
    identities: config.identities,
    log: progress,
    track: (child: ManagedProcess) => tracked.push(child),
    ...(config.apiServerPort !== undefined ? { apiServerPort: config.apiServerPort } : {}),
    ...(config.execNamespaces ? { execNamespaces: config.execNamespaces } : {}),
  };
  try {
    return await startControlPlane(options);
  } catch (error) {
    // Free ports are picked just before use, so another process can take one in between; a second
    // round with fresh ports fixes that. Any other failure is real and reported as it is.
    const message = error instanceof Error ? error.message : String(error);
    if (!/address already in use/i.test(message) || shuttingDown) throw error;
    progress('a port was taken while starting; retrying with new ports');
    return await startControlPlane(options);
  }
}

async function main(): Promise<void> {
  plane = await startWithRetry();
  state.server = plane.server;
  state.kubeconfigPath = plane.kubeconfigPath;
  state.ports = plane.ports;
  state.identities = plane.identities;
  state.pids = Object.fromEntries(plane.processes.map((child) => [child.name, child.pid]));
  writeState(state);
  if (shuttingDown) return;

  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(plane.kubeconfigPath);
  progress(`seeding ${config.nodes} kwok node(s), StorageClasses and RBAC`);
  await seedCluster(kubeConfig, config.nodes);
  provisioner = await startProvisioner({ kubeConfig, volumesDir: join(config.dir, 'volumes'), log });
  progress('waiting for nodes Ready and the default ServiceAccount');
  await waitForClusterReady(kubeConfig, config.nodes, readyTimeoutMs);
  if (config.demo) {
    progress('seeding demo data');
    await seedDemoData(kubeConfig, { timeoutMs: readyTimeoutMs });
  }

  for (const child of plane.processes) {
    void child.exited.then((code) => {
      if (!shuttingDown) {
        state.phase = 'failed';
        state.error = `${child.name} exited unexpectedly (${code}); see ${child.logPath}`;
        void shutdown(state.error, 1);
      }
    });
  }
  ready = true;
  state.phase = 'ready';
  state.readyAt = new Date().toISOString();
  state.startSeconds = Math.round((Date.now() - startedAt) / 100) / 10;
  writeState(state);
  log(`cluster ${config.name} ready at ${plane.server} in ${state.startSeconds}s`);
  send({ type: 'ready', state });
  // The launcher may have gone while the cluster was starting; an attached cluster then has no owner.
  if (!process.connected && !config.detached) await shutdown('launcher went away', 0, !config.keepState);
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  log(`start failed: ${message}`);
  state.phase = 'failed';
  state.error = message;
  send({ type: 'failed', message });
  await shutdown('start failed', 1);
});
