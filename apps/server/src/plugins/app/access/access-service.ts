import {
  builtInGlobalRoles,
  builtInRoleTemplates,
  type GlobalPermission,
  type PolicyRule,
  type RoleTemplate,
  type ScopedPermission,
} from '@bokujo/shared';
import type { Principal } from '../auth/principal.ts';
import { type SqlBool, sql } from 'kysely';
import type { Store } from '../store/store.ts';

/** Members are stored by user id or group name; a person matches their own id and their groups. */
function heldBy(table: 'cluster_members' | 'project_members', principal: Principal) {
  const kind = sql.ref(`${table}.subject_kind`);
  const subject = sql.ref(`${table}.subject`);
  const asUser = sql<SqlBool>`(${kind} = 'user' and ${subject} = ${principal.userId})`;
  if (principal.groups.length === 0) return asUser;
  return sql<SqlBool>`(${asUser} or (${kind} = 'group' and ${subject} in (${sql.join(principal.groups)})))`;
}

/**
 * Who may see and manage what inside Bokujo, from global roles and role-template memberships.
 * Kubernetes enforces the same memberships in each cluster through the bindings Bokujo keeps.
 */
export class AccessService {
  readonly #db: Store;
  constructor(db: Store) {
    this.#db = db;
  }

  async templates(): Promise<RoleTemplate[]> {
    const custom = await this.#db.selectFrom('role_templates').selectAll().orderBy('name').execute();
    return [
      ...builtInRoleTemplates,
      ...custom.map((row) => ({
        id: row.id,
        name: row.name,
        context: row.context as RoleTemplate['context'],
        builtIn: false,
        rules: JSON.parse(row.rules) as PolicyRule[],
        permissions: JSON.parse(row.permissions) as ScopedPermission[],
      })),
    ];
  }

  async template(id: string) {
    return (await this.templates()).find((template) => template.id === id);
  }

  /** The union of what a user's global roles grant; unknown role ids grant nothing. */
  async globalPermissions(roles: readonly string[]): Promise<GlobalPermission[]> {
    const custom = await this.#db.selectFrom('global_roles').selectAll().execute();
    const byId = new Map<string, readonly GlobalPermission[]>(Object.entries(builtInGlobalRoles));
    for (const role of custom) byId.set(role.id, JSON.parse(role.permissions) as GlobalPermission[]);
    return [...new Set(roles.flatMap((role) => byId.get(role) ?? []))];
  }

  async clusterTemplateIds(principal: Principal, clusterId: string) {
    const rows = await this.#db
      .selectFrom('cluster_members')
      .select('role_template_id')
      .where('cluster_id', '=', clusterId)
      .where(heldBy('cluster_members', principal))
      .execute();
    return rows.map((row) => row.role_template_id);
  }

  async projectTemplateIds(principal: Principal, projectId: string) {
    const rows = await this.#db
      .selectFrom('project_members')
      .select('role_template_id')
      .where('project_id', '=', projectId)
      .where(heldBy('project_members', principal))
      .execute();
    return rows.map((row) => row.role_template_id);
  }

  async #permissionsOf(templateIds: string[]) {
    const templates = await this.templates();
    return new Set(templateIds.flatMap((id) => templates.find((template) => template.id === id)?.permissions ?? []));
  }

  /** Scoped permissions a person holds in a cluster; Administrators hold them all. */
  async clusterPermissions(principal: Principal, clusterId: string): Promise<Set<ScopedPermission>> {
    if (principal.isAdmin) return new Set(allScoped);
    return this.#permissionsOf(await this.clusterTemplateIds(principal, clusterId));
  }

  /** Scoped permissions in a project: its own roles plus what cluster roles grant over all projects. */
  async projectPermissions(principal: Principal, project: { id: string; clusterId: string }) {
    if (principal.isAdmin) return new Set<ScopedPermission>(allScoped);
    const cluster = await this.clusterPermissions(principal, project.clusterId);
    const own = await this.#permissionsOf(await this.projectTemplateIds(principal, project.id));
    if (cluster.has('projects:manage-all')) own.add('project:manage').add('members:manage');
    return own;
  }

  /** Clusters where the person holds any role, or a role in one of its projects. */
  async visibleClusterIds(principal: Principal): Promise<Set<string> | 'all'> {
    if (principal.isAdmin) return 'all';
    const clusterRows = await this.#db
      .selectFrom('cluster_members')
      .select('cluster_id')
      .where(heldBy('cluster_members', principal))
      .execute();
    const projectRows = await this.#projectMemberships(principal).select('projects.cluster_id').execute();
    return new Set([...clusterRows.map((row) => row.cluster_id), ...projectRows.map((row) => row.cluster_id)]);
  }

  #projectMemberships(principal: Principal) {
    return this.#db
      .selectFrom('project_members')
      .innerJoin('projects', 'projects.id', 'project_members.project_id')
      .where(heldBy('project_members', principal));
  }

  async canSeeCluster(principal: Principal, clusterId: string) {
    const visible = await this.visibleClusterIds(principal);
    return visible === 'all' || visible.has(clusterId);
  }

  /** Projects of a cluster the person may see: all of them with a cluster-wide role, else their own. */
  async visibleProjectIds(principal: Principal, clusterId: string): Promise<Set<string> | 'all'> {
    const cluster = await this.clusterPermissions(principal, clusterId);
    if (cluster.has('projects:view-all') || cluster.has('projects:manage-all')) return 'all';
    const rows = await this.#projectMemberships(principal)
      .select('projects.id')
      .where('projects.cluster_id', '=', clusterId)
      .execute();
    return new Set(rows.map((row) => row.id));
  }
}

const allScoped: ScopedPermission[] = [
  'members:manage',
  'projects:create',
  'projects:manage-all',
  'projects:view-all',
  'project:manage',
];
