import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type Cluster, startCluster } from '@bokujo/testenv';
import { HttpClient } from './http.ts';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const bootstrapPassword = 'bench-bootstrap-passphrase';
export const adminPassword = 'bench herds fifty thousand pods';

export function log(line: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

const cleanUps = new Set<() => Promise<unknown>>();

/** Registers something to undo on Ctrl-C as well (a browser); returns the unregistering function. */
export function onInterrupt(cleanUp: () => Promise<unknown>) {
  cleanUps.add(cleanUp);
  return () => cleanUps.delete(cleanUp);
}

export async function runInterruptCleanUps() {
  await Promise.all([...cleanUps].map((cleanUp) => cleanUp().catch(() => undefined)));
  cleanUps.clear();
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || !address) throw new Error('could not find a free port');
  return address.port;
}

/** A testenv cluster with `nodes` kwok nodes; stopped with the process even on SIGKILL. */
export async function startBenchCluster(nodes: number): Promise<Cluster> {
  return startCluster({
    name: `bench-${process.pid}`,
    nodes,
    onProgress: (line) => log(`testenv: ${line}`),
  });
}

/** The apiserver as its admin (client certificate from the cluster's kubeconfig). */
export function adminClient(cluster: Cluster, maxSockets = 8, headers: Record<string, string | string[]> = {}) {
  const kubeCluster = cluster.kubeConfig.getCurrentCluster();
  const user = cluster.kubeConfig.getCurrentUser();
  if (!kubeCluster?.caData || !user?.certData || !user.keyData) {
    throw new Error(`the kubeconfig of ${cluster.name} has no inline CA and client certificate`);
  }
  const decode = (data: string) => Buffer.from(data, 'base64').toString();
  return new HttpClient(cluster.server, {
    maxSockets,
    headers,
    tls: { ca: decode(kubeCluster.caData), cert: decode(user.certData), key: decode(user.keyData) },
  });
}

/** The SPA the server serves; built when missing (or into its own folder when asked). */
export async function ensureWebDir(option: { webDir: string | undefined; buildWeb: boolean }) {
  if (option.buildWeb) {
    const outDir = join(repoRoot, 'packages/bench/.web-dist');
    log(`building the SPA into ${outDir}`);
    await run('npm', ['run', 'build', '-w', '@bokujo/web', '--', '--outDir', outDir, '--emptyOutDir']);
    return outDir;
  }
  const webDir = option.webDir ?? join(repoRoot, 'apps/web/dist');
  if (!existsSync(join(webDir, 'index.html'))) {
    if (option.webDir) throw new Error(`${webDir} holds no built SPA (index.html)`);
    log('the SPA is not built: npm run build -w @bokujo/web');
    await run('npm', ['run', 'build', '-w', '@bokujo/web']);
  }
  return webDir;
}

function run(command: string, args: string[]) {
  return new Promise<void>((done, fail) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/**
 * The real Bokujo server as a child process, as `npm start` runs it, on a free loopback port with a
 * temporary data dir and a known secret key (the cluster scenario re-encrypts credentials with it).
 */
export class BokujoServer {
  readonly dataDir: string;
  readonly port: number;
  readonly secretKey: Buffer;
  readonly webDir: string;
  #child: ChildProcess | undefined;
  #output = '';

  private constructor(dataDir: string, port: number, webDir: string) {
    this.dataDir = dataDir;
    this.port = port;
    this.webDir = webDir;
    this.secretKey = randomBytes(32);
  }

  static async create(webDir: string) {
    return new BokujoServer(await mkdtemp(join(tmpdir(), 'bokujo-bench-')), await freePort(), webDir);
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.#child?.pid;
  }

  async start() {
    this.#output = '';
    const child = spawn(process.execPath, [join(repoRoot, 'apps/server/src/server.ts')], {
      env: {
        ...process.env,
        BOKUJO_HOST: '127.0.0.1',
        BOKUJO_PORT: String(this.port),
        BOKUJO_DATA_DIR: this.dataDir,
        BOKUJO_WEB_DIR: this.webDir,
        BOKUJO_LOG_LEVEL: 'warn',
        BOKUJO_SECRET_KEY: this.secretKey.toString('base64'),
        BOKUJO_BOOTSTRAP_PASSWORD: bootstrapPassword,
        // Imported clusters turn Active within seconds instead of half a minute.
        BOKUJO_CLUSTER_CHECK_SECONDS: '5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`Bokujo exited with ${child.exitCode}:\n${this.#output}`);
      try {
        if ((await fetch(`${this.url}/api/v1/readyz`)).ok) return;
      } catch {
        // not listening yet
      }
      await delay(200);
    }
    throw new Error(`Bokujo was not ready at ${this.url} within 60 s:\n${this.#output}`);
  }

  /** The last lines the server wrote (warnings and errors only). */
  get output() {
    return this.#output;
  }

  /** Resident memory of the server process in bytes, from /proc (what the OS really gives it). */
  async rssBytes(): Promise<number> {
    if (!this.pid) return Number.NaN;
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : Number.NaN;
  }

  async stop() {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async remove() {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** Synchronous last resort for process exit: no await is possible there. */
  killNow() {
    if (this.#child && this.#child.exitCode === null) this.#child.kill('SIGKILL');
  }
}

/**
 * First run through the API as a person would do it: log in with the bootstrap password, finish
 * the setup, then make an API token, which every later call uses (no cookies, no CSRF).
 */
export async function setUpAdmin(server: BokujoServer): Promise<string> {
  const client = new HttpClient(server.url);
  try {
    const login = await client.request('POST', '/api/v1/auth/login', {
      username: 'admin',
      password: bootstrapPassword,
    });
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.body.toString()}`);
    const cookies = parseSetCookies(login.headers['set-cookie']);
    const session = {
      cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      'x-csrf-token': cookies['bokujo_csrf'] ?? '',
    };
    await client.json('POST', '/api/v1/setup', { newPassword: adminPassword, serverUrl: server.url }, session);
    const created = await client.json<{ secret: string }>('POST', '/api/v1/tokens', { name: 'bench' }, session);
    return created.secret;
  } finally {
    client.close();
  }
}

/** `name=value` of each Set-Cookie header, attributes dropped. */
export function parseSetCookies(header: string | string[] | undefined): Record<string, string> {
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return Object.fromEntries(
    lines.flatMap((line) => {
      const pair = line.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      return at > 0 ? [[pair.slice(0, at).trim(), pair.slice(at + 1).trim()]] : [];
    }),
  );
}

/** Bokujo's API with the bench's API token. */
export function bokujoClient(server: BokujoServer, token: string, maxSockets = 8) {
  return new HttpClient(server.url, { maxSockets, headers: { authorization: `Bearer ${token}` } });
}

/** Imports the cluster with its admin kubeconfig and waits until Bokujo calls it Active. */
export async function importCluster(api: HttpClient, cluster: Cluster, name: string) {
  const { id } = await api.json<{ id: string }>('POST', '/api/v1/clusters/import', {
    name,
    kubeconfig: await readFile(cluster.kubeconfigPath, 'utf8'),
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { state } = await api.json<{ state: string }>('GET', `/api/v1/clusters/${id}`);
    if (state === 'Active') return id;
    await delay(500);
  }
  throw new Error(`cluster ${name} (${id}) did not turn Active within 120 s`);
}
