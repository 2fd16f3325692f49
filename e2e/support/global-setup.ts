import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { bootstrapPassword } from './accounts.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || !address) throw new Error('could not find a free port');
  return address.port;
}

async function waitUntilReady(url: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Bokujo exited with ${server.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/v1/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new Error(`Bokujo was not ready at ${url} within 30 s:\n${output()}`);
}

/**
 * Starts the real built server once for every spec, on a free port with an empty data dir and a
 * known bootstrap password; stops it afterwards.
 */
export default async function globalSetup() {
  // A separate build can be tested while apps/web/dist is being rebuilt.
  const webDir = process.env['BOKUJO_E2E_WEB_DIR'] ?? join(repoRoot, 'apps/web/dist');
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error('The SPA is not built: run `npm run build` first (npm test does it).');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'bokujo-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(repoRoot, 'apps/server/src/server.ts')], {
    env: {
      ...process.env,
      BOKUJO_HOST: '127.0.0.1',
      BOKUJO_PORT: String(port),
      BOKUJO_DATA_DIR: dataDir,
      BOKUJO_WEB_DIR: webDir,
      BOKUJO_LOG_LEVEL: 'warn',
      BOKUJO_BOOTSTRAP_PASSWORD: bootstrapPassword,
      // Imported clusters turn Active within seconds instead of the default half minute.
      BOKUJO_CLUSTER_CHECK_SECONDS: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilReady(baseUrl, server, () => output);
  // Workers start after this and inherit the environment.
  process.env['BOKUJO_E2E_URL'] = baseUrl;

  return async () => {
    server.kill('SIGTERM');
    await new Promise((done) => (server.exitCode === null ? server.once('exit', done) : done(undefined)));
    await rm(dataDir, { recursive: true, force: true });
  };
}
