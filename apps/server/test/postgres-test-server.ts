import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

/** Debian's PostgreSQL; override with BOKUJO_POSTGRES_BIN for another major version. */
const postgresBin = process.env['BOKUJO_POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';

export interface PostgresTestServer {
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  /** A fresh, empty database on this server; its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its directory (a no-op for BOKUJO_TEST_DATABASE_URL). */
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster on a free loopback port: initdb into a temporary directory, then
 * `postgres` in the foreground as the `postgres` system user (PostgreSQL refuses to run as root),
 * with durability off because nothing here needs to survive a crash. The server is killed when
 * the process that started it dies, so a crashed test run leaves no orphan.
 *
 * With BOKUJO_TEST_DATABASE_URL set (CI starting one server for the whole run), that server is
 * used instead and `stop` leaves it running.
 */
export async function startPostgres(): Promise<PostgresTestServer> {
  const external = process.env['BOKUJO_TEST_DATABASE_URL'];
  if (external) return { url: external, createDatabase: () => createDatabase(external), stop: async () => {} };

  const dir = await mkdtemp(join(tmpdir(), 'bokujo-postgres-'));
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { mode: 0o700 });
  const { uid, gid } = await postgresUser();
  await chown(dir, uid, gid);
  await chown(dataDir, uid, gid);

  let postgres: ChildProcess | undefined;
  const stop = async () => {
    const child = postgres;
    postgres = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, nothing waits for them.
      child.kill('SIGINT');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await run(
      'setpriv',
      [
        ...asPostgres,
        join(postgresBin, 'initdb'),
        ...['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      ],
      { cwd: dir },
    );
    const port = await freePort();
    const child = spawn(
      'setpriv',
      [
        ...asPostgres,
        join(postgresBin, 'postgres'),
        ...['-D', dataDir, '-p', String(port), '-k', dir],
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
        ...['-c', 'full_page_writes=off', '-c', 'max_connections=200'],
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    postgres = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitUntilReady(url, () => (child.exitCode !== null || child.signalCode !== null ? stderr : undefined));
    return { url, createDatabase: () => createDatabase(url), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A fresh database on the server at `serverUrl` (any database URL of it with rights to create
 * databases); returns the new database's URL. One per test file is far cheaper than a cluster.
 */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `bokujo_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database at `databaseUrl`, disconnecting whoever is still connected to it. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * setpriv switches to the postgres user and then sets the parent-death signal (it must come
 * after the switch: changing credentials clears it), so postgres dies with the test process.
 */
const asPostgres = ['--reuid=postgres', '--regid=postgres', '--clear-groups', '--pdeathsig=SIGKILL', '--'];

async function postgresUser() {
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) => Number((await run('id', [flag, 'postgres'])).stdout.trim())),
  );
  if (uid === undefined || gid === undefined || Number.isNaN(uid) || Number.isNaN(gid))
    throw new Error('no postgres system user (apt package postgresql)');
  return { uid, gid };
}

async function waitUntilReady(url: string, failed: () => string | undefined) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const exitedWith = failed();
    if (exitedWith !== undefined) throw new Error(`postgres exited: ${exitedWith}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`postgres did not start: ${String(error)}`, { cause: error });
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
