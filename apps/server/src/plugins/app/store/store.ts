import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as initial from './migrations/0001-initial.ts';
import * as accessControl from './migrations/0002-access-control.ts';
import * as userLanguage from './migrations/0003-user-language.ts';
import * as authProviders from './migrations/0004-auth-providers.ts';
import type { Database } from './schema.ts';
import { postgresDialect } from './postgres-dialect.ts';
import { nodeSqliteDialect } from './sqlite-dialect.ts';

/** Listed here rather than read from disk: the set is part of the code, ordered by name. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-access-control': accessControl,
  '0003-user-language': userLanguage,
  '0004-auth-providers': authProviders,
};

const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };

/** The newest migration this code knows; a store (or backup) past it was made by newer code. */
export const latestMigration = Object.keys(migrations).sort().at(-1) ?? '';

export type Store = Kysely<Database>;

export class StoreError extends Error {
  override name = 'StoreError';
}

export interface StoreLocation {
  /** Folder of the embedded SQLite store (and of the key file when there is no BOKUJO_SECRET_KEY). */
  dataDir: string;
  /** postgres:// URL; when set, the store is PostgreSQL instead of SQLite. */
  databaseUrl?: string | undefined;
}

/** Opens the store the configuration names and brings it up to date. */
export async function openStore({ dataDir, databaseUrl }: StoreLocation): Promise<Store> {
  return databaseUrl ? openPostgresStore(databaseUrl) : openSqliteStore(dataDir);
}

/** The embedded store's file in `dataDir`. */
export function sqliteStorePath(dataDir: string) {
  return join(dataDir, 'bokujo.db');
}

/** Opens (creating if needed) the embedded SQLite store in `dataDir` and brings it up to date. */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const { dialect } = nodeSqliteDialect(sqliteStorePath(dataDir));
  return migrated(new Kysely<Database>({ dialect }));
}

/**
 * Opens the PostgreSQL database at `url` and brings it up to date. Several replicas may start at
 * once: Kysely's migrator holds a PostgreSQL advisory lock while it migrates, so one runs the
 * migrations and the others wait and then find nothing left to do.
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const { dialect } = postgresDialect(url);
  return migrated(new Kysely<Database>({ dialect }));
}

async function migrated(db: Store) {
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** The store's migration level: the newest migration applied, or undefined for an empty store. */
export async function migrationLevel<T>(db: Kysely<T>): Promise<string | undefined> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === 'kysely_migration')) return undefined;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
    db,
  );
  return rows[0]?.name;
}

export async function migrate(db: Kysely<Database>) {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new StoreError(`Store migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}

/** True when the store answers a query; readiness reports this. */
export async function pingStore(db: Store): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * True when a write was refused because a row with the same unique key exists: PostgreSQL's
 * SQLSTATE 23505, SQLite's UNIQUE / PRIMARY KEY constraint. Lets two replicas race for one row.
 */
export function isUniqueViolation(error: unknown) {
  if (typeof error !== 'object' || error === null) return false;
  if ('code' in error && error.code === '23505') return true;
  return /\b(UNIQUE|PRIMARY KEY) constraint failed\b/.test(String((error as { message?: unknown }).message));
}

export function now() {
  return new Date().toISOString();
}
