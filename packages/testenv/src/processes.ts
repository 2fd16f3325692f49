import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { withLogTail } from './log-tail.ts';
import { signal, sleep } from './proc.ts';

export interface ManagedProcess {
  name: string;
  pid: number;
  logPath: string;
  /** Settles with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

// setpriv (util-linux) makes the kernel SIGKILL the child when its parent dies, so even a
// supervisor killed with SIGKILL leaves no control-plane process behind.
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));

export function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  logPath: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}): ManagedProcess {
  const fd = openSync(options.logPath, 'a');
  const [command, args] = setpriv
    ? [setpriv, ['--pdeathsig', 'KILL', '--', options.command, ...options.args]]
    : [options.command, options.args];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) {
    throw new Error(`could not start ${options.name} (${options.command})`);
  }
  const pid = child.pid;
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signalName) => {
      done = true;
      resolve(code ?? signalName ?? 'unknown');
    });
    child.on('error', () => {
      done = true;
      resolve('spawn-error');
    });
  });
  return {
    name: options.name,
    pid,
    logPath: options.logPath,
    exited,
    hasExited: () => done,
    async stop(graceMs = 10_000) {
      if (done) return;
      signal(pid, 'SIGTERM');
      const timer = sleep(graceMs).then(() => 'timeout' as const);
      if ((await Promise.race([exited, timer])) === 'timeout') {
        signal(pid, 'SIGKILL');
        await exited;
      }
    },
  };
}

/**
 * Polls `check` until it returns true. Fails early, with the tail of the process's log, when the
 * process dies, and with the same tail on timeout: the log is where the reason is.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { process?: ManagedProcess; timeoutMs: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = '';
  for (;;) {
    if (options.process?.hasExited()) {
      const code = await options.process.exited;
      throw new Error(
        withLogTail(`${options.process.name} exited (${code}) while waiting for ${what}`, options.process.logPath),
      );
    }
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      const message = `timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`;
      throw new Error(options.process ? withLogTail(message, options.process.logPath) : message);
    }
    await sleep(options.intervalMs ?? 200);
  }
}

export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  /** Only for the controller-manager and scheduler, which serve self-signed certificates. */
  insecure?: boolean;
}

/** A GET with client TLS; resolves status and body, rejects on connection errors. */
export function httpsGet(
  url: string,
  tls: TlsOptions = {},
  timeoutMs = 5_000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        rejectUnauthorized: !tls.insecure,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Reserves `count` distinct free ports on 127.0.0.1 by binding them all at once, then releases
 * them for the components. Another process can still grab one in between; startup reports that
 * with the component's log and the caller retries with new ports.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('unexpected server address');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Throws a clear error when a port the caller asked for is already taken. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} on 127.0.0.1 is already in use; pick another or omit it to get a free one`
            : `cannot bind 127.0.0.1:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
