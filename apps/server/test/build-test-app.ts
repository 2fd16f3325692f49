import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A ready server on a fresh data dir, closed and removed after the test. */
export async function buildTestApp(environment: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'bokujo-test-'));
  const config = loadConfig({ BOKUJO_DATA_DIR: dataDir, ...environment });
  const app = await buildApp(config);
  cleanups.push(
    () => app.close(),
    () => rm(dataDir, { recursive: true, force: true }),
  );
  await app.ready();
  return { app, config };
}
