import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import pg from 'pg';
import { latestMigration, openStore, sqliteStorePath, type StoreLocation } from './store.ts';

const run = promisify(execFile);

/** SQLite backup pages per step: all of them, so the copy is taken in one read transaction. */
const allPages = 2 ** 31 - 1;

export type BackupKind = 'sqlite' | 'postgres';

export interface BackupResult {
  kind: BackupKind;
  /** The migration level of the store in the backup. */
  level: string;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/**
 * Writes a backup of the store to `file`: SQLite's online backup (a consistent copy, safe while
 * the server runs and writes), or `pg_dump` in its custom format for PostgreSQL. The secret key
 * is not in it: keep BOKUJO_SECRET_KEY (or the data dir's secret.key) as well.
 */
export async function backupStore(location: StoreLocation, file: string): Promise<BackupResult> {
  // Written beside the target and renamed, so a failed backup never leaves a half file behind.
  const partial = join(dirname(file), `.${process.pid}.bokujo-backup.partial`);
  try {
    if (location.databaseUrl) {
      await pgTool('pg_dump', location.databaseUrl, ['--format=custom', '--no-owner', '--no-acl', `--file=${partial}`]);
    } else {
      const source = sqliteStorePath(location.dataDir);
      if (!existsSync(source)) throw new BackupError(`There is no store at ${source} (check BOKUJO_DATA_DIR)`);
      const database = new DatabaseSync(source);
      try {
        database.exec('PRAGMA busy_timeout = 5000;');
        // All pages in one step: one read transaction, so writers (which WAL does not block)
        // cannot make the copy restart over and over, and the copy is one moment of the store.
        await backup(database, partial, { rate: allPages });
      } finally {
        database.close();
      }
    }
    const result = await inspectBackup(partial);
    await rename(partial, file);
    return result;
  } finally {
    await rm(partial, { force: true });
  }
}

export interface RestoreOptions {
  /** Replace a store that already holds data. */
  force?: boolean;
}

export interface RestoreResult extends BackupResult {
  /** The level the restored store was migrated to: this code's latest. */
  migratedTo: string;
}

/**
 * Restores `file` into the store at `location` and migrates it to this code's level. Refuses a
 * backup of the other kind of store, one made by newer code, and a target that holds data unless
 * `force`. Stop every server of the store first: a restore replaces the store under it.
 */
export async function restoreStore(
  location: StoreLocation,
  file: string,
  { force = false }: RestoreOptions = {},
): Promise<RestoreResult> {
  const backupFile = await inspectBackup(file);
  const targetKind: BackupKind = location.databaseUrl ? 'postgres' : 'sqlite';
  if (backupFile.kind !== targetKind) {
    throw new BackupError(
      `${file} is a ${backupFile.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup, but the store is ${
        targetKind === 'sqlite' ? 'SQLite (BOKUJO_DATABASE_URL is not set)' : 'PostgreSQL (BOKUJO_DATABASE_URL)'
      }`,
    );
  }
  if (backupFile.level > latestMigration) {
    throw new BackupError(
      `${file} was made by a newer Bokujo (store migration ${backupFile.level}; this one knows up to ${latestMigration}): restore it with that version or newer`,
    );
  }
  if (location.databaseUrl) {
    const rows = await pgTargetRows(location.databaseUrl);
    refuseUnlessEmpty(rows, force, 'the database of BOKUJO_DATABASE_URL');
    await dropPgTables(location.databaseUrl);
    await pgTool('pg_restore', location.databaseUrl, [
      '--no-owner',
      '--no-acl',
      '--exit-on-error',
      '--single-transaction',
      file,
    ]);
  } else {
    const target = sqliteStorePath(location.dataDir);
    refuseUnlessEmpty(sqliteTargetRows(target), force, target);
    await mkdir(location.dataDir, { recursive: true });
    const source = new DatabaseSync(file, { readOnly: true });
    try {
      // Through SQLite's backup into the target path: its WAL and lock files stay consistent.
      await backup(source, target, { rate: allPages });
    } finally {
      source.close();
    }
  }
  const db = await openStore(location);
  await db.destroy();
  return { ...backupFile, migratedTo: latestMigration };
}

function refuseUnlessEmpty(rows: number, force: boolean, target: string) {
  if (rows > 0 && !force) {
    throw new BackupError(
      `${target} already holds a store (${rows} rows); restoring would replace it. Back it up first, then restore with --force`,
    );
  }
}

/** What kind of backup `file` is and its store's migration level; refuses anything else. */
export async function inspectBackup(file: string): Promise<BackupResult> {
  const kind = await backupKind(file);
  const level = kind === 'sqlite' ? sqliteLevel(file) : await pgDumpLevel(file);
  if (!level) throw new BackupError(`${file} holds no Bokujo store (it has no migrations)`);
  return { kind, level };
}

async function backupKind(file: string): Promise<BackupKind> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new BackupError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  } finally {
    await handle.close();
  }
  throw new BackupError(`${file} is not a Bokujo backup (neither a SQLite file nor a pg_dump custom-format archive)`);
}

function sqliteLevel(file: string) {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const table = database.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`);
    if (!table.get()) return undefined;
    const row = database.prepare('select max(name) as level from kysely_migration').get();
    return typeof row?.['level'] === 'string' ? row['level'] : undefined;
  } finally {
    database.close();
  }
}

/** The migration level in a pg_dump archive: the rows of its kysely_migration table. */
async function pgDumpLevel(file: string) {
  const { stdout } = await pgTool('pg_restore', undefined, [
    '--data-only',
    '--table=kysely_migration',
    '--file=-',
    file,
  ]);
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => /^COPY \S*kysely_migration /.test(line));
  if (start < 0) return undefined;
  const end = lines.indexOf('\\.', start);
  const names = lines.slice(start + 1, end < 0 ? undefined : end).map((line) => line.split('\t')[0] ?? '');
  return names.sort().at(-1);
}

/** Rows in the target's Bokujo tables (Kysely's own bookkeeping and settings aside). */
function sqliteTargetRows(path: string) {
  if (!existsSync(path)) return 0;
  const database = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = database
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      .all()
      .map((row) => String(row['name']))
      .filter(isDataTable);
    return tables.reduce((sum, table) => {
      const row = database.prepare(`select count(*) as n from "${table}"`).get();
      return sum + Number(row?.['n'] ?? 0);
    }, 0);
  } finally {
    database.close();
  }
}

async function pgTargetRows(url: string) {
  return withPgClient(url, async (client) => {
    let rows = 0;
    for (const table of await pgTables(client)) {
      if (!isDataTable(table)) continue;
      const result = await client.query<{ n: string }>(`select count(*) as n from "${table}"`);
      rows += Number(result.rows[0]?.n ?? 0);
    }
    return rows;
  });
}

/** Empties the target schema, so the restored store is the backup and nothing of a newer schema. */
async function dropPgTables(url: string) {
  await withPgClient(url, async (client) => {
    await client.query('begin');
    for (const table of await pgTables(client)) await client.query(`drop table if exists "${table}" cascade`);
    await client.query('commit');
  });
}

async function pgTables(client: pg.Client) {
  const result = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  );
  return result.rows.map((row) => row.name);
}

function isDataTable(name: string) {
  return !name.startsWith('kysely_') && name !== 'settings';
}

async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs pg_dump or pg_restore (from BOKUJO_PG_BIN_DIR, else the PATH) against `url`. The password
 * goes in PGPASSWORD rather than the command line, where every local user could read it.
 */
async function pgTool(tool: 'pg_dump' | 'pg_restore', url: string | undefined, args: string[]) {
  const binDir = process.env['BOKUJO_PG_BIN_DIR'];
  const command = binDir ? join(binDir, tool) : tool;
  const env = { ...process.env };
  const connection: string[] = [];
  if (url) {
    const parsed = new URL(url);
    if (parsed.password) env['PGPASSWORD'] = decodeURIComponent(parsed.password);
    parsed.password = '';
    connection.push(`--dbname=${parsed.toString()}`);
  }
  try {
    return await run(command, [...connection, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new BackupError(`${tool} is not installed (Debian package postgresql-client); or set BOKUJO_PG_BIN_DIR`);
    }
    throw new BackupError(`${tool} failed: ${(failure.stderr ?? failure.message).trim()}`);
  }
}
