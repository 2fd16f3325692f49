import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..');
// The distroless image's nonroot user, which the Dockerfile's USER names.
const uid = 65532;
const asImageUser = ['--reuid', String(uid), '--regid', String(uid), '--clear-groups'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The HEALTHCHECK's exec-form command, read from the Dockerfile so the test runs what the image runs. */
function healthcheckCommand(): string[] {
  const dockerfile = readFileSync(join(import.meta.dirname, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const match = /^HEALTHCHECK\b.*?\bCMD\s+(\[.*\])\s*$/m.exec(dockerfile);
  if (!match?.[1]) throw new Error('the Dockerfile has no exec-form HEALTHCHECK');
  return JSON.parse(match[1]) as string[];
}

describe('runtime layout assembled by docker/assemble-runtime.sh', () => {
  let scratch: string;
  let layout: string;
  let dataDir: string;
  let node: string;
  let port: number;
  let server: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    if (!existsSync(join(repo, 'apps/web/dist/index.html'))) {
      throw new Error('apps/web/dist is not built; run `npm run build` first (the image build does it itself)');
    }
    scratch = mkdtempSync(join(tmpdir(), 'bokujo-image-'));
    chmodSync(scratch, 0o755);
    layout = join(scratch, 'app');
    await run('bash', [join(repo, 'docker/assemble-runtime.sh'), layout], { timeout: 300_000 });

    // Node where the image has it; the host's copy sits under a home folder the user cannot read.
    node = join(scratch, 'nodejs/bin/node');
    mkdirSync(join(scratch, 'nodejs/bin'), { recursive: true });
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);

    dataDir = join(scratch, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    chownSync(dataDir, uid, uid);

    port = await freePort();
    server = spawn('setpriv', [...asImageUser, node, 'apps/server/src/server.ts'], {
      cwd: layout,
      // What the image sets, except the address: tests listen on loopback only.
      env: {
        PATH: '/usr/bin:/bin',
        NODE_ENV: 'production',
        BOKUJO_HOST: '127.0.0.1',
        BOKUJO_PORT: String(port),
        BOKUJO_DATA_DIR: dataDir,
        BOKUJO_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the server did not answer within 120 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }, 600_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  it('holds the server, shared sources, built SPA and production dependencies only', () => {
    for (const path of [
      'apps/server/src/server.ts',
      'apps/server/package.json',
      'packages/shared/src/index.ts',
      'apps/web/dist/index.html',
      'node_modules/fastify/package.json',
      'node_modules/@node-rs/argon2/package.json',
      'node_modules/@bokujo/shared/package.json',
    ]) {
      expect(existsSync(join(layout, path)), path).toBe(true);
    }
    for (const devOnly of [
      'vitest',
      'vite',
      'eslint',
      'typescript',
      '@playwright/test',
      'oidc-provider',
      '@bokujo/testenv',
    ]) {
      expect(existsSync(join(layout, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    expect(existsSync(join(layout, 'apps/server/src/app.test.ts'))).toBe(false);
    expect(existsSync(join(layout, 'apps/server/test'))).toBe(false);
  });

  it('is not writable by the server user (the stand-in for a read-only root filesystem)', async () => {
    const attempt = run('setpriv', [
      ...asImageUser,
      node,
      '-e',
      `require('node:fs').writeFileSync(${JSON.stringify(join(layout, 'apps/server/src/x'))}, 'x')`,
    ]);
    await expect(attempt).rejects.toThrow(/EACCES/);
  });

  it('serves healthz, readyz and the SPA as the unprivileged user, writing only its data dir', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/api/v1/readyz`);
    expect(ready.status).toBe(200);
    const index = await fetch(`http://127.0.0.1:${port}/`);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toBe(readFileSync(join(layout, 'apps/web/dist/index.html'), 'utf8'));
    expect(html).toContain('<div id="root">');
    // The store and the generated key file landed in the data dir, owned by the server's user.
    const { stdout } = await run('stat', ['-c', '%u %n', join(dataDir, 'bokujo.db'), join(dataDir, 'secret.key')]);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[0]),
    ).toEqual([String(uid), String(uid)]);
  });

  it("passes the Dockerfile's HEALTHCHECK command, run as the image user", async () => {
    const [binary, ...args] = healthcheckCommand();
    expect(binary).toBe('/nodejs/bin/node');
    const check = (checkPort: number) =>
      run('setpriv', [...asImageUser, node, ...args], { env: { BOKUJO_PORT: String(checkPort) } });
    await expect(check(port)).resolves.toBeDefined();
    // And fails when nothing answers, or it would never flag an unhealthy container.
    await expect(check(await freePort())).rejects.toThrow();
  });
});
