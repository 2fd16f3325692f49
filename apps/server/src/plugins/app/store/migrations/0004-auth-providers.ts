import type { Kysely } from 'kysely';

/**
 * External login providers and the people they bring. An external person is a user row (no
 * password) plus an identity keyed by the provider's stable id for them; sessions and API tokens
 * remember the provider they came through, so disabling it can revoke exactly those.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('auth_providers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('enabled', 'integer', (column) => column.notNull())
    .addColumn('access_mode', 'text', (column) => column.notNull())
    .addColumn('allowed_principals', 'text', (column) => column.notNull())
    .addColumn('settings', 'text', (column) => column.notNull())
    .addColumn('secret', 'text')
    .addColumn('tested_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('external_identities')
    .addColumn('provider_id', 'text', (column) => column.notNull().references('auth_providers.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('login_name', 'text', (column) => column.notNull())
    .addColumn('groups', 'text', (column) => column.notNull())
    .addColumn('last_login_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('external_identities_pk', ['provider_id', 'external_id'])
    .addUniqueConstraint('external_identities_user_provider', ['user_id', 'provider_id'])
    .execute();

  await db.schema
    .createTable('login_flows')
    .addColumn('id_hash', 'text', (column) => column.primaryKey())
    .addColumn('provider_id', 'text', (column) => column.notNull().references('auth_providers.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (column) => column.notNull())
    .addColumn('tester_user_id', 'text')
    .addColumn('secrets', 'text', (column) => column.notNull())
    .addColumn('return_to', 'text')
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema.alterTable('sessions').addColumn('provider_id', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('upstream_tokens', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('upstream_expires_at', 'text').execute();
  await db.schema.createIndex('sessions_provider').on('sessions').column('provider_id').execute();
  await db.schema.alterTable('api_tokens').addColumn('provider_id', 'text').execute();
  await db.schema.createIndex('api_tokens_provider').on('api_tokens').column('provider_id').execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropIndex('api_tokens_provider').execute();
  await db.schema.alterTable('api_tokens').dropColumn('provider_id').execute();
  await db.schema.dropIndex('sessions_provider').execute();
  for (const column of ['upstream_expires_at', 'upstream_tokens', 'provider_id']) {
    await db.schema.alterTable('sessions').dropColumn(column).execute();
  }
  for (const table of ['login_flows', 'external_identities', 'auth_providers']) {
    await db.schema.dropTable(table).execute();
  }
}
