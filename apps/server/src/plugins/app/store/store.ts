import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as initial from './migrations/0001-initial.ts';
import * as accessControl from './migrations/0002-access-control.ts';
import * as userLanguage from './migrations/0003-user-language.ts';
import * as authProviders from './migrations/0004-auth-providers.ts';
import type { Database } from './schema.ts';
import { nodeSqliteDialect } from './sqlite-dialect.ts';

/** Listed here rather than read from disk: the set is part of the code, ordered by name. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-access-control': accessControl,
  '0003-user-language': userLanguage,
  '0004-auth-providers': authProviders,
};

const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };

export type Store = Kysely<Database>;

export class StoreError extends Error {
  override name = 'StoreError';
}

/** Opens (creating if needed) the embedded SQLite store in `dataDir` and brings it up to date. */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const { dialect } = nodeSqliteDialect(join(dataDir, 'bokujo.db'));
  const db = new Kysely<Database>({ dialect });
  await migrate(db);
  return db;
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

export function now() {
  return new Date().toISOString();
}
