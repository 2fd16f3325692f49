import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { testPostgres } from './each-store.ts';
import { dropDatabase } from './postgres-test-server.ts';

export const bootstrapPassword = 'bootstrap-password-for-tests';
export const adminPassword = 'green-pastures-and-cattle';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function newDataDir() {
  const dataDir = await mkdtemp(join(tmpdir(), 'bokujo-test-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  return dataDir;
}

/**
 * A ready server on a fresh (or the given) data dir, closed and removed after the test. The store
 * is SQLite unless `environment` has BOKUJO_DATABASE_URL, or BOKUJO_TEST_APP_STORE=postgres asks
 * for a fresh PostgreSQL database for every app (to run app-level tests on PostgreSQL).
 */
export async function buildTestApp(environment: Record<string, string> = {}) {
  const dataDir = environment['BOKUJO_DATA_DIR'] ?? (await newDataDir());
  const database = await testDatabase(environment, dataDir);
  const built = await startApp({ ...environment, ...database.environment, BOKUJO_DATA_DIR: dataDir });
  cleanups.push(async () => {
    await built.app.close();
    await database.drop();
  });
  return built;
}

/** A ready server for a whole test file (built in beforeAll); `close()` it in afterAll. */
export async function buildSharedTestApp(environment: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'bokujo-test-'));
  const database = await testDatabase(environment, dataDir);
  const built = await startApp({ ...environment, ...database.environment, BOKUJO_DATA_DIR: dataDir });
  return {
    ...built,
    close: async () => {
      await built.app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Each data dir's PostgreSQL database, so that a server restarted on a data dir finds its store. */
const databases = new Map<string, string>();

async function testDatabase(
  environment: Record<string, string>,
  dataDir: string,
): Promise<{ environment: Record<string, string>; drop: () => Promise<void> }> {
  if (environment['BOKUJO_DATABASE_URL'] || process.env['BOKUJO_TEST_APP_STORE'] !== 'postgres') {
    return { environment: {}, drop: async () => {} };
  }
  const existing = databases.get(dataDir);
  if (existing) return { environment: { BOKUJO_DATABASE_URL: existing }, drop: async () => {} };
  const url = await (await testPostgres()).createDatabase();
  databases.set(dataDir, url);
  return {
    environment: { BOKUJO_DATABASE_URL: url },
    drop: async () => {
      databases.delete(dataDir);
      await dropDatabase(url);
    },
  };
}

async function startApp(environment: Record<string, string>) {
  const config = loadConfig({ BOKUJO_BOOTSTRAP_PASSWORD: bootstrapPassword, ...environment });
  // BOKUJO_TEST_LOG=debug shows the server's log while a test runs; silent otherwise.
  const level = process.env['BOKUJO_TEST_LOG'];
  const app = await buildApp(config, level ? { level } : false);
  await app.ready();
  return { app, config, dataDir: config.dataDir };
}

/** What a browser sends after logging in: both cookies, and the CSRF token echoed in a header. */
export interface BrowserSession {
  cookie: string;
  csrf: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

export function sessionFrom(response: LightMyRequestResponse): BrowserSession {
  const cookies = Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie.value]));
  const session = cookies['bokujo_session'];
  const csrf = cookies['bokujo_csrf'];
  if (!session || !csrf)
    throw new Error(`no session cookies in the response (${response.statusCode} ${response.body})`);
  const cookie = `bokujo_session=${session}; bokujo_csrf=${csrf}`;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

export async function login(app: FastifyInstance, username: string, password: string) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  return { response, session: response.statusCode === 200 ? sessionFrom(response) : undefined };
}

/** Logs in as the bootstrap admin and finishes the first-run setup. */
export async function setUpAdmin(app: FastifyInstance) {
  const { session } = await login(app, 'admin', bootstrapPassword);
  if (!session) throw new Error('bootstrap login failed');
  const setup = await app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    headers: session.headers,
    payload: { newPassword: adminPassword, serverUrl: 'https://bokujo.example.test' },
  });
  if (setup.statusCode !== 200) throw new Error(`setup failed: ${setup.body}`);
  return session;
}
