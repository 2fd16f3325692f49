import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.ts';

const serverEntry = resolve(import.meta.dirname, '../src/server.ts');

/** One Bokujo server process, as a replica runs in production: `node apps/server/src/server.ts`. */
export interface ReplicaProcess {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** Its log lines so far (pino JSON, parsed). */
  logs: Record<string, unknown>[];
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a log line matching `message` appears; rejects after `timeoutMs`. */
  waitForLog(message: string | RegExp, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGKILLs it if still running and removes its data dir. */
  dispose(): Promise<void>;
}

export async function startReplica(
  name: string,
  environment: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<ReplicaProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), `bokujo-${name}-`));
  const child = spawn(process.execPath, [serverEntry], {
    env: {
      PATH: process.env['PATH'] ?? '',
      BOKUJO_HOST: '127.0.0.1',
      BOKUJO_PORT: String(port),
      BOKUJO_DATA_DIR: dataDir,
      BOKUJO_WEB_DIR: dataDir,
      BOKUJO_LOG_LEVEL: 'info',
      // Exit 0 then proves the shutdown finished well inside this bound, whatever the machine's load.
      BOKUJO_SHUTDOWN_TIMEOUT_SECONDS: '15',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
    for (const waiter of waiters) waiter();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );

  const waitForLog = (message: string | RegExp, timeoutMs = 30_000) =>
    new Promise<Record<string, unknown>>((found, fail) => {
      const matches = (entry: Record<string, unknown>) =>
        typeof entry['msg'] === 'string' &&
        (typeof message === 'string' ? entry['msg'] === message : message.test(entry['msg']));
      const check = () => {
        const entry = logs.find(matches);
        if (!entry) return;
        waiters.delete(check);
        clearTimeout(timer);
        found(entry);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        fail(new Error(`${name}: no log line ${String(message)} within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const replica: ReplicaProcess = {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    logs,
    exited,
    waitForLog,
    dispose: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.race([
      waitForLog('Bokujo is ready', readyTimeoutMs),
      exited.then(({ code }) => {
        throw new Error(`${name} exited with ${code} before it was ready: ${stderr}`);
      }),
    ]);
  } catch (error) {
    await replica.dispose();
    throw error;
  }
  return replica;
}
