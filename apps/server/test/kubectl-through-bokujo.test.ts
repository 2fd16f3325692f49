// The promise of "Download KubeConfig": the cluster's own kubectl, given nothing but the file
// Bokujo hands out, does get, apply, logs, exec and port-forward through Bokujo's proxy, over
// https with Bokujo's self-signed certificate, and with exactly the caller's Bokujo identity.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from '@bokujo/testenv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { adminPassword, bootstrapPassword } from './build-test-app.ts';
import { type CertificateFiles, writeSelfSignedCertificate } from './self-signed-certificate.ts';
import { adminKubeconfigText, startTestCluster } from './testenv-clusters.ts';

/** What testenv's port-forward target answers first (packages/testenv/src/port-forward-echo.ts). */
const echoBanner = 'bokujo testenv port-forward echo';
/** The first and last of the sample lines kwok serves as every container's log (testenv README). */
const firstLogLine = 'starting bokujo testenv workload';
const lastLogLine = 'GET /healthz 200 0.3ms';

/**
 * kubectl streams exec and port-forward over websockets (the apiserver turns them into SPDY
 * towards the node); these switches make it use SPDY end to end, as older clients do. Each
 * transport leaves its own mark in kubectl's -v=8 log, so the test knows which one it got.
 */
const transports: { name: string; env: Record<string, string>; execMark: string; portForwardMark: string }[] = [
  {
    name: 'websocket',
    env: {},
    execMark: 'Subprotocol negotiated" protocol="v5.channel.k8s.io"',
    portForwardMark: 'Negotiation complete" protocol="portforward.k8s.io"',
  },
  {
    name: 'SPDY',
    env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false', KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' },
    execMark: 'Upgrade: SPDY/3.1',
    portForwardMark: 'Upgrade: SPDY/3.1',
  },
];

let cluster: Cluster;
let app: FastifyInstance;
let dir: string;
let certificate: CertificateFiles;
let baseUrl: string;
let adminSession: Session;
let clusterId: string;
/** The kubeconfig the admin downloaded, written to a file as a person would save it. */
let adminKubeconfig: string;

interface Session {
  cookie: string;
  csrf: string;
}

interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A JSON call to Bokujo over real https, trusting only Bokujo's own certificate. */
async function api(method: string, path: string, options: { session?: Session; body?: unknown } = {}) {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (options.session) {
    headers['cookie'] = options.session.cookie;
    headers['x-csrf-token'] = options.session.csrf;
  }
  return new Promise<ApiResponse>((resolve, reject) => {
    const request = httpsRequest(
      `${baseUrl}${path}`,
      { method, headers, ca: certificate.cert, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const isJson = String(response.headers['content-type']).startsWith('application/json');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: isJson ? JSON.parse(text) : text,
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.end(payload);
  });
}

async function login(username: string, password: string): Promise<{ session: Session; setCookies: string[] }> {
  const response = await api('POST', '/api/v1/auth/login', { body: { username, password } });
  if (response.status !== 200) throw new Error(`login of ${username} failed: ${JSON.stringify(response.body)}`);
  const setCookies = [response.headers['set-cookie'] ?? []].flat();
  const cookies = Object.fromEntries(
    setCookies.map((line) => {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      return [pair.slice(0, index), pair.slice(index + 1)];
    }),
  );
  const session = cookies['bokujo_session'];
  const csrf = cookies['bokujo_csrf'];
  if (!session || !csrf) throw new Error('login set no session cookies');
  return { session: { cookie: `bokujo_session=${session}; bokujo_csrf=${csrf}`, csrf }, setCookies };
}

async function downloadKubeconfig(session: Session) {
  return api('POST', `/api/v1/clusters/${clusterId}/kubeconfig`, { session });
}

function writeKubeconfig(name: string, text: string) {
  const path = join(dir, `${name}.kubeconfig.yaml`);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What kubectl sees of the environment: nothing of this machine's own kube setup. */
function kubectlEnvironment(extra: Record<string, string> = {}) {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, ...extra };
}

/** testenv's kubectl with only the given kubeconfig (and a cache of its own), never failing by itself. */
async function kubectl(kubeconfig: string, args: string[], env: Record<string, string> = {}): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      cluster.kubectlPath,
      ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kube-cache'), ...args],
      { timeout: 50_000, env: kubectlEnvironment(env) },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function kubectlOk(kubeconfig: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await kubectl(kubeconfig, args, env);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

/** A long-running kubectl (logs -f, port-forward) whose output is collected until it is stopped. */
function kubectlInBackground(
  kubeconfig: string,
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
) {
  const child = spawn(
    cluster.kubectlPath,
    ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kube-cache'), ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: kubectlEnvironment(options.env),
    },
  );
  // Given input is written and stdin kept open, as at a terminal; otherwise stdin is empty.
  if (options.stdin === undefined) child.stdin.end();
  else child.stdin.write(options.stdin);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => stdout,
    errorOutput: () => stderr,
    /** Resolves with the first match of `pattern` in stdout; fails if kubectl exits or time runs out. */
    waitFor: (pattern: RegExp, timeoutMs = 30_000) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${String(pattern)} after ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
        }, timeoutMs);
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const onExit = (code: number | null) => {
          cleanup();
          reject(new Error(`kubectl ${args.join(' ')} exited (${code}): ${stderr}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout.on('data', check);
        child.once('exit', onExit);
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Sends `text` and resolves once as many bytes came back. It closes the connection itself: kwok
 * does not pass a half-close on to the echo server, so waiting for the far side would hang.
 */
async function rawExchange(port: number, text: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  const received: Buffer[] = [];
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        const all = Buffer.concat(received);
        if (all.length >= Buffer.byteLength(text)) resolve(all.toString('utf8'));
      });
      socket.on('error', reject);
      socket.on('close', () => reject(new Error(`closed after ${Buffer.concat(received).length} bytes`)));
      socket.write(text);
    });
  } finally {
    socket.destroy();
  }
}

function deployment(name: string, replicas: number) {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: kubectl-e2e',
    'spec:',
    `  replicas: ${replicas}`,
    '  selector:',
    `    matchLabels: { app: ${name} }`,
    '  template:',
    '    metadata:',
    `      labels: { app: ${name} }`,
    '    spec:',
    '      containers:',
    `        - { name: ${name}, image: 'nginx:1.27', ports: [{ containerPort: 80 }] }`,
    '',
  ].join('\n');
}

beforeAll(async () => {
  cluster = await startTestCluster('kubectl-bokujo');
  dir = mkdtempSync(join(tmpdir(), 'bokujo-kubectl-'));
  certificate = writeSelfSignedCertificate(dir);
  const config = loadConfig({
    BOKUJO_DATA_DIR: join(dir, 'data'),
    BOKUJO_BOOTSTRAP_PASSWORD: bootstrapPassword,
    BOKUJO_TLS_CERT_FILE: certificate.certFile,
    BOKUJO_TLS_KEY_FILE: certificate.keyFile,
  });
  app = await buildApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the server has no port');
  baseUrl = `https://127.0.0.1:${address.port}`;

  const { session } = await login('admin', bootstrapPassword);
  const setup = await api('POST', '/api/v1/setup', {
    session,
    body: { newPassword: adminPassword, serverUrl: baseUrl },
  });
  if (setup.status !== 200) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  adminSession = (await login('admin', adminPassword)).session;

  const imported = await api('POST', '/api/v1/clusters/import', {
    session: adminSession,
    body: { name: 'kubectl-e2e', kubeconfig: adminKubeconfigText(cluster) },
  });
  if (imported.status !== 201) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  clusterId = (imported.body as { id: string }).id;
  const download = await downloadKubeconfig(adminSession);
  if (download.status !== 200) throw new Error(`kubeconfig download failed: ${JSON.stringify(download.body)}`);
  adminKubeconfig = writeKubeconfig('admin', (download.body as { kubeconfig: string }).kubeconfig);
});

afterAll(async () => {
  await app?.close();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('kubectl through a kubeconfig downloaded from Bokujo', () => {
  it('is served over https with Secure cookies, and the kubeconfig trusts exactly that certificate', async () => {
    const { setCookies } = await login('admin', adminPassword);
    expect(setCookies.length).toBeGreaterThanOrEqual(2);
    for (const cookie of setCookies) expect(cookie).toMatch(/;\s*Secure/i);

    const download = await downloadKubeconfig(adminSession);
    const kubeconfig = parse((download.body as { kubeconfig: string }).kubeconfig) as {
      clusters: { cluster: Record<string, string> }[];
      users: { user: Record<string, string> }[];
    };
    expect(kubeconfig.clusters[0]?.cluster).toEqual({
      server: `${baseUrl}/k8s/clusters/${clusterId}`,
      'certificate-authority-data': Buffer.from(certificate.cert).toString('base64'),
    });
    expect(Object.keys(kubeconfig.users[0]?.user ?? {})).toEqual(['token']);
  });

  it('gets nodes and the server version', async () => {
    const nodes = await kubectlOk(adminKubeconfig, ['get', 'nodes', '-o', 'name']);
    expect(nodes.trim()).toBe('node/kwok-node-1');
    const version = JSON.parse(await kubectlOk(adminKubeconfig, ['version', '-o', 'json'])) as {
      serverVersion: { gitVersion: string };
    };
    expect(version.serverVersion.gitVersion).toBe(cluster.versions.kubernetes);
  });

  it('applies Deployments server-side and client-side, twice each, and waits for them', async () => {
    await kubectlOk(adminKubeconfig, ['create', 'namespace', 'kubectl-e2e']);
    const serverSide = join(dir, 'web.yaml');
    const clientSide = join(dir, 'api.yaml');

    writeFileSync(serverSide, deployment('web', 1));
    expect(await kubectlOk(adminKubeconfig, ['apply', '--server-side', '-f', serverSide])).toContain(
      'deployment.apps/web serverside-applied',
    );
    writeFileSync(clientSide, deployment('api', 1));
    expect(await kubectlOk(adminKubeconfig, ['apply', '-f', clientSide])).toContain('deployment.apps/api created');

    // The second round sends the patches (apply-patch+yaml, strategic merge) through the proxy.
    writeFileSync(serverSide, deployment('web', 2));
    expect(await kubectlOk(adminKubeconfig, ['apply', '--server-side', '-f', serverSide])).toContain(
      'deployment.apps/web serverside-applied',
    );
    writeFileSync(clientSide, deployment('api', 2));
    expect(await kubectlOk(adminKubeconfig, ['apply', '-f', clientSide])).toContain('deployment.apps/api configured');

    // `wait` watches through the proxy until the pods run on the kwok node.
    await kubectlOk(adminKubeconfig, [
      'wait',
      '-n',
      'kubectl-e2e',
      '--for=condition=Available',
      'deployment/web',
      'deployment/api',
      '--timeout=45s',
    ]);
    const replicas = await kubectlOk(adminKubeconfig, [
      'get',
      '-n',
      'kubectl-e2e',
      'deployments',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.status.readyReplicas}{"\\n"}{end}',
    ]);
    expect(replicas.trim().split('\n').sort()).toEqual(['api=2', 'web=2']);
    const managers = await kubectlOk(adminKubeconfig, [
      'get',
      '-n',
      'kubectl-e2e',
      'deployment/web',
      '--show-managed-fields',
      '-o',
      'jsonpath={.metadata.managedFields[*].manager}',
    ]);
    expect(managers.split(' ')).toContain('kubectl');
  });

  it('shows logs, and follows them', async () => {
    const logs = await kubectlOk(adminKubeconfig, ['logs', '-n', 'kubectl-e2e', 'deployment/web']);
    const lines = logs.trim().split('\n');
    expect(lines[0]).toBe(firstLogLine);
    expect(lines.at(-1)).toBe(lastLogLine);

    const follow = kubectlInBackground(adminKubeconfig, ['logs', '-f', '-n', 'kubectl-e2e', 'deployment/web']);
    try {
      await follow.waitFor(new RegExp(lastLogLine.replaceAll('.', '\\.')));
      expect(follow.output()).toContain(firstLogLine);
    } finally {
      await follow.stop();
    }
  });

  it.each(transports)('runs commands in a pod with exec, over $name', async (transport) => {
    const pod = (await kubectlOk(adminKubeconfig, ['get', 'pods', '-n', 'kubectl-e2e', '-l', 'app=web', '-o', 'name']))
      .trim()
      .split('\n')[0]!;
    expect(pod).toMatch(/^pod\/web-/);
    const exec = ['exec', '-v=8', '-n', 'kubectl-e2e', pod];
    const hello = await kubectl(adminKubeconfig, [...exec, '--', 'echo', 'hello'], transport.env);
    expect(hello).toMatchObject({ code: 0, stdout: 'hello\n' });
    expect(hello.stderr).toContain(transport.execMark);

    // kwok reports a command's exit status as an error message, which kubectl shows as it came.
    const failing = await kubectl(adminKubeconfig, [...exec, '--', 'sh', '-c', 'exit 3'], transport.env);
    expect(failing.code).not.toBe(0);
    expect(failing.stderr).toContain('exit status 3');

    // stdin travels too. kwok does not end the command when stdin closes, so stop it once it echoed.
    const cat = kubectlInBackground(adminKubeconfig, ['exec', '-i', '-n', 'kubectl-e2e', pod, '--', 'cat'], {
      stdin: 'moo from stdin\n',
      env: transport.env,
    });
    try {
      await cat.waitFor(/moo from stdin/);
    } finally {
      await cat.stop();
    }
  });

  it.each(transports)('forwards a local port to a pod, over $name', async (transport) => {
    const forward = kubectlInBackground(
      adminKubeconfig,
      ['port-forward', '-v=8', '--address', '127.0.0.1', '-n', 'kubectl-e2e', 'deployment/web', ':80'],
      { env: transport.env },
    );
    try {
      const match = await forward.waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 80/);
      expect(forward.errorOutput()).toContain(transport.portForwardMark);
      const localPort = Number(match[1]);
      const response = await fetch(`http://127.0.0.1:${localPort}/through/bokujo`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(`${echoBanner}\nGET /through/bokujo\n`);
      expect(await rawExchange(localPort, 'moo\n')).toBe('moo\n');
    } finally {
      await forward.stop();
    }
  });
});

describe("the kubeconfig carries the caller's permissions", () => {
  it('is refused to a Bokujo user who holds no role in the cluster', async () => {
    const created = await api('POST', '/api/v1/users', {
      session: adminSession,
      body: { username: 'outsider', password: 'outside-the-fence-2', globalRoles: ['user'], mustChangePassword: false },
    });
    expect(created.status).toBe(201);
    const { session } = await login('outsider', 'outside-the-fence-2');
    const download = await downloadKubeconfig(session);
    expect(download.status).toBe(404);
    expect(download.body).not.toHaveProperty('kubeconfig');
  });

  it('stops working once its token is revoked', async () => {
    const download = await downloadKubeconfig(adminSession);
    const { kubeconfig, tokenId } = download.body as { kubeconfig: string; tokenId: string };
    const path = writeKubeconfig('revoked', kubeconfig);
    expect(await kubectlOk(path, ['get', 'namespace', 'kubectl-e2e', '-o', 'name'])).toBe('namespace/kubectl-e2e\n');

    const revoked = await api('DELETE', `/api/v1/tokens/${tokenId}`, { session: adminSession });
    expect(revoked.status).toBeLessThan(300);
    const refused = await kubectl(path, ['get', 'namespace', 'kubectl-e2e', '-o', 'name']);
    expect(refused.code).not.toBe(0);
    // kubectl's wording for a 401 (Bokujo's own error body is not a Kubernetes Status).
    expect(refused.stderr).toContain('You must be logged in to the server');
    // The other kubeconfig has its own token and keeps working.
    expect(await kubectlOk(adminKubeconfig, ['get', 'nodes', '-o', 'name'])).toBe('node/kwok-node-1\n');
  });
});
