import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('global_roles')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull().unique())
    .addColumn('permissions', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('role_templates')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull().unique())
    .addColumn('context', 'text', (column) => column.notNull())
    .addColumn('rules', 'text', (column) => column.notNull())
    .addColumn('permissions', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('cluster_id', 'text', (column) => column.notNull().references('clusters.id').onDelete('cascade'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('resource_quota', 'text')
    .addColumn('namespace_default_quota', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('projects_cluster_name', ['cluster_id', 'name'])
    .execute();

  for (const scope of ['cluster', 'project'] as const) {
    await db.schema
      .createTable(`${scope}_members`)
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn(`${scope}_id`, 'text', (column) => column.notNull().references(`${scope}s.id`).onDelete('cascade'))
      .addColumn('subject_kind', 'text', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      .addColumn('role_template_id', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addUniqueConstraint(`${scope}_members_unique`, [`${scope}_id`, 'subject_kind', 'subject', 'role_template_id'])
      .execute();
    await db.schema
      .createIndex(`${scope}_members_subject`)
      .on(`${scope}_members`)
      .columns(['subject_kind', 'subject'])
      .execute();
  }

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('time', 'text', (column) => column.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('target_kind', 'text')
    .addColumn('target_id', 'text')
    .addColumn('target_name', 'text')
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('details', 'text')
    .addColumn('source_ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_time').on('audit_log').column('time').execute();

  // Every existing cluster owner becomes its Cluster Owner member, the role that now grants access.
  await sql`insert into cluster_members (id, cluster_id, subject_kind, subject, role_template_id, created_at)
    select 'm-' || id, id, 'user', owner_user_id, 'cluster-owner', created_at from clusters where owner_user_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>) {
  for (const table of [
    'audit_log',
    'project_members',
    'cluster_members',
    'projects',
    'role_templates',
    'global_roles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
