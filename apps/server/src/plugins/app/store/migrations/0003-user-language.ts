import type { Kysely } from 'kysely';

/** The console's language follows the person from browser to browser; null until they choose one. */
export async function up(db: Kysely<unknown>) {
  await db.schema.alterTable('users').addColumn('language', 'text').execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.alterTable('users').dropColumn('language').execute();
}
