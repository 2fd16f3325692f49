import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Binaries, Versions } from './binaries.ts';
import type { Ports } from './control-plane.ts';
import type { IdentitySpec } from './pki.ts';
import { commandLine, isAlive } from './proc.ts';

/** What the launcher hands the supervisor process (written to supervisor.json in the cluster folder). */
export interface SupervisorConfig {
  name: string;
  dir: string;
  nodes: number;
  demo: boolean;
  /** Detached clusters (the CLI's) outlive their launcher; attached ones end when it goes away. */
  detached: boolean;
  /** Keep the folder when an attached cluster stops because its launcher went away. */
  keepState: boolean;
  identities: IdentitySpec[];
  apiServerPort?: number;
  execNamespaces?: string[];
  binaries: Binaries;
}

export interface ClusterIdentityState {
  name: string;
  groups: string[];
  /** Static bearer token for this user. */
  token: string;
  /** Kubeconfig authenticating with the user's client certificate. */
  kubeconfigPath: string;
}

/** state.json: written by the supervisor, read by `list`, `down` and later launchers. */
export interface ClusterState {
  name: string;
  dir: string;
  phase: 'starting' | 'ready' | 'stopping' | 'failed';
  error?: string;
  supervisorPid: number;
  detached: boolean;
  nodes: number;
  demo: boolean;
  server?: string;
  kubeconfigPath?: string;
  ports?: Ports;
  /** Component name to pid, filled in once the control plane runs. */
  pids: Record<string, number>;
  identities: ClusterIdentityState[];
  versions: Versions;
  kubectlPath: string;
  startedAt: string;
  readyAt?: string;
  /** Seconds from supervisor start to ready. */
  startSeconds?: number;
}

/** Messages the supervisor sends its launcher over the IPC channel. */
export type SupervisorMessage =
  { type: 'progress'; message: string } | { type: 'ready'; state: ClusterState } | { type: 'failed'; message: string };

export const stateFileName = 'state.json';
export const supervisorScriptName = 'supervisor.ts';

export function readState(dir: string): ClusterState | undefined {
  const path = join(dir, stateFileName);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

/** Written via rename so a concurrent reader never sees half a file. */
export function writeState(state: ClusterState): void {
  const path = join(state.dir, stateFileName);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** True when the pid is still this cluster's supervisor, not a stranger that reused the number. */
export function supervisorAlive(state: ClusterState): boolean {
  if (!isAlive(state.supervisorPid)) return false;
  const args = commandLine(state.supervisorPid) ?? [];
  return args.some((arg) => arg.endsWith(supervisorScriptName)) && args.some((arg) => arg.startsWith(state.dir));
}

/** The cluster's component pids that are still running the binaries they were started from. */
export function liveComponentPids(state: ClusterState): number[] {
  const binDir = join(state.kubectlPath, '..');
  return Object.values(state.pids).filter((pid) => isAlive(pid) && (commandLine(pid)?.[0] ?? '').startsWith(binDir));
}
