// `npm run demo`: a working console in one command. Starts a testenv cluster with demo workloads,
// Bokujo on http://127.0.0.1:8080 with a fresh store, imports the cluster, and prints where to
// log in. Ctrl-C stops everything and removes the state.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCluster } from '@bokujo/testenv';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const root = resolve(import.meta.dirname, '..');

if (!existsSync(join(root, 'apps/web/dist/index.html'))) {
  throw new Error('The SPA is not built; run it through `npm run demo`, which builds it first');
}

say('Starting a demo cluster (etcd, kube-apiserver, kwok nodes, storage)…');
const cluster = await startCluster({
  name: 'bokujo-demo',
  nodes: 3,
  demo: true,
  onProgress: (line) => say(`  ${line}`),
});
const dataDir = await mkdtemp(join(tmpdir(), 'bokujo-demo-'));
const bootstrapPassword = randomBytes(12).toString('base64url');
const password = `demo-${randomBytes(9).toString('base64url')}`;
const config = loadConfig({
  ...process.env,
  BOKUJO_DATA_DIR: dataDir,
  BOKUJO_BOOTSTRAP_PASSWORD: bootstrapPassword,
  BOKUJO_LOG_LEVEL: process.env['BOKUJO_LOG_LEVEL'] ?? 'warn',
  BOKUJO_CLUSTER_CHECK_SECONDS: '10',
});
const app = await buildApp(config, { level: config.logLevel });
await app.listen({ host: config.host, port: config.port });
const url = `http://${config.host}:${config.port}`;

const stop = async () => {
  await app.close();
  await cluster.stop();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { username: 'admin', password: bootstrapPassword },
});
const cookies = Object.fromEntries(login.cookies.map((cookie) => [cookie.name, cookie.value]));
const headers = {
  cookie: `bokujo_session=${cookies['bokujo_session']}; bokujo_csrf=${cookies['bokujo_csrf']}`,
  'x-csrf-token': cookies['bokujo_csrf'] ?? '',
};
await app.inject({ method: 'POST', url: '/api/v1/setup', headers, payload: { newPassword: password, serverUrl: url } });
const imported = await app.inject({
  method: 'POST',
  url: '/api/v1/clusters/import',
  headers,
  payload: {
    name: 'demo',
    description: 'A kwok cluster with demo workloads and Trident-like storage',
    kubeconfig: await readFile(cluster.kubeconfigPath, 'utf8'),
  },
});
if (imported.statusCode !== 201) throw new Error(`importing the demo cluster failed: ${imported.body}`);

say('');
say(`Bokujo is running at ${url}`);
say(`  username: admin`);
say(`  password: ${password}`);
say(`  cluster "demo": ${cluster.server} (kubeconfig ${cluster.kubeconfigPath})`);
say('Press Ctrl-C to stop and remove everything.');
