import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe } from 'vitest';
import { openStore, type Store, type StoreLocation } from '../src/plugins/app/store/store.ts';
import { dropDatabase, type PostgresTestServer, startPostgres } from './postgres-test-server.ts';

export type StoreKind = 'sqlite' | 'postgres';

export interface StoreUnderTest {
  kind: StoreKind;
  /** Where a fresh, empty store is: a new data dir, and for PostgreSQL a new database. Removed after the test. */
  newLocation(): Promise<StoreLocation>;
  /** Opens (and migrates) the store at `location`, a fresh one by default; destroyed after the test. */
  open(location?: StoreLocation): Promise<Store>;
}

/**
 * Runs `body` twice, as "<name> (sqlite)" and "<name> (postgres)", so a store-level test proves
 * its queries on both stores. One PostgreSQL server serves the whole test file (started at first
 * use); every location gets its own database on it.
 */
export function describeEachStore(name: string, body: (store: StoreUnderTest) => void) {
  for (const kind of ['sqlite', 'postgres'] as const) {
    describe(`${name} (${kind})`, () => body(storeUnderTest(kind)));
  }
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let server: Promise<PostgresTestServer> | undefined;
afterAll(async () => {
  const started = server;
  server = undefined;
  if (started) await (await started).stop();
});

/** The test file's PostgreSQL server, started at the first call and stopped after the file. */
export function testPostgres(): Promise<PostgresTestServer> {
  server ??= startPostgres();
  return server;
}

/** A fresh database on the test file's PostgreSQL server, dropped after the test. */
export async function newTestDatabase(): Promise<string> {
  const url = await (await testPostgres()).createDatabase();
  cleanups.push(() => dropDatabase(url));
  return url;
}

function storeUnderTest(kind: StoreKind): StoreUnderTest {
  const newLocation = async (): Promise<StoreLocation> => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bokujo-store-test-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    return kind === 'postgres' ? { dataDir, databaseUrl: await newTestDatabase() } : { dataDir };
  };
  return {
    kind,
    newLocation,
    async open(location) {
      const db = await openStore(location ?? (await newLocation()));
      // Pushed after the location's cleanup, so it runs first: the database is dropped once closed.
      cleanups.push(() => db.destroy().catch(() => {}));
      return db;
    },
  };
}
