import { randomBytes } from 'node:crypto';
import {
  type CreateProjectBody,
  type Project,
  type ProjectNamespace,
  projectLabel,
  type UpdateProjectBody,
} from '@bokujo/shared';
import { CoreV1Api, type KubeConfig, PatchStrategy, setHeaderOptions, type V1Namespace } from '@kubernetes/client-node';
import { ConflictError, ForbiddenError, InputError, NotFoundError, UpstreamError } from '../../../errors.ts';
import type { AccessService } from '../access/access-service.ts';
import type { Principal } from '../auth/principal.ts';
import { describeClusterError } from '../clusters/cluster-status.ts';
import { kubeStatusCode } from '../clusters/kube-errors.ts';
import { quantityMilliValue } from '@bokujo/shared';
import type { ProjectsTable } from '../store/schema.ts';
import { now, type Store } from '../store/store.ts';

export const systemNamespaces = ['kube-system', 'kube-public', 'kube-node-lease', 'bokujo-system'];

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** Gives Bokujo's own credential to a cluster, for writes it makes on a person's behalf. */
export type ClusterClient = (clusterId: string) => Promise<KubeConfig>;

/**
 * Projects group namespaces of one cluster through the label `bokujo.io/project`. Bokujo checks
 * the person's rights on both sides, then labels namespaces with its own credential; Kubernetes
 * cluster RBAC could not express "may create a namespace, but only inside project P".
 */
export class ProjectsService {
  readonly #db: Store;
  readonly #access: AccessService;
  readonly #client: ClusterClient;
  readonly #changed: (clusterId: string) => void;

  constructor(db: Store, access: AccessService, client: ClusterClient, changed: (clusterId: string) => void) {
    this.#db = db;
    this.#access = access;
    this.#client = client;
    this.#changed = changed;
  }

  /** Default (namespace `default`) and System (the control plane's namespaces), as Rancher does. */
  async createDefaultProjects(clusterId: string) {
    const time = now();
    const defaults = [
      { kind: 'default', name: 'Default', namespaces: ['default'] },
      { kind: 'system', name: 'System', namespaces: systemNamespaces },
    ];
    const core = (await this.#client(clusterId)).makeApiClient(CoreV1Api);
    for (const project of defaults) {
      const id = newProjectId();
      await this.#db
        .insertInto('projects')
        .values({
          id,
          cluster_id: clusterId,
          name: project.name,
          description: '',
          kind: project.kind,
          resource_quota: null,
          namespace_default_quota: null,
          created_at: time,
          updated_at: time,
        })
        .execute();
      for (const namespace of project.namespaces) {
        await labelNamespace(core, namespace, id).catch((error: unknown) => {
          if (kubeStatusCode(error) !== 404) throw error;
        });
      }
    }
  }

  async listProjects(principal: Principal, clusterId: string): Promise<Project[]> {
    if (!(await this.#access.canSeeCluster(principal, clusterId))) throw new NotFoundError(`No cluster ${clusterId}`);
    const visible = await this.#access.visibleProjectIds(principal, clusterId);
    const rows = await this.#db
      .selectFrom('projects')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .orderBy('name')
      .execute();
    return rows.filter((row) => visible === 'all' || visible.has(row.id)).map(toProject);
  }

  async getProject(principal: Principal, projectId: string): Promise<Project> {
    return toProject(await this.#visibleRow(principal, projectId));
  }

  async createProject(principal: Principal, clusterId: string, body: CreateProjectBody): Promise<Project> {
    const permissions = await this.#access.clusterPermissions(principal, clusterId);
    if (!(await this.#access.canSeeCluster(principal, clusterId))) throw new NotFoundError(`No cluster ${clusterId}`);
    if (!permissions.has('projects:create')) throw new ForbiddenError('You may not create projects in this cluster');
    await this.#assertNameFree(clusterId, body.name);
    const time = now();
    const id = newProjectId();
    await this.#db
      .insertInto('projects')
      .values({
        id,
        cluster_id: clusterId,
        name: body.name,
        description: body.description ?? '',
        kind: 'user',
        resource_quota: body.resourceQuota ? JSON.stringify(body.resourceQuota) : null,
        namespace_default_quota: body.namespaceDefaultQuota ? JSON.stringify(body.namespaceDefaultQuota) : null,
        created_at: time,
        updated_at: time,
      })
      .execute();
    // The creator owns what they create, as in Rancher; Administrators need no membership.
    if (!principal.isAdmin) {
      await this.#db
        .insertInto('project_members')
        .values({
          id: `m-${randomBytes(6).toString('hex')}`,
          project_id: id,
          subject_kind: 'user',
          subject: principal.userId,
          role_template_id: 'project-owner',
          created_at: time,
        })
        .execute();
      this.#changed(clusterId);
    }
    return this.getProject(principal, id);
  }

  async updateProject(principal: Principal, projectId: string, body: UpdateProjectBody): Promise<Project> {
    const row = await this.#managedRow(principal, projectId);
    if (body.name && body.name !== row.name) await this.#assertNameFree(row.cluster_id, body.name);
    await this.#db
      .updateTable('projects')
      .set({
        ...(body.name ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        updated_at: now(),
      })
      .where('id', '=', projectId)
      .execute();
    return this.getProject(principal, projectId);
  }

  /**
   * Deletes a project. Its namespaces leave the project (they are not deleted: a namespace holds
   * workloads and data that outlive an organisational change) unless `deleteNamespaces` says so.
   */
  async deleteProject(principal: Principal, projectId: string, { deleteNamespaces = false } = {}) {
    const row = await this.#managedRow(principal, projectId);
    if (row.kind !== 'user') throw new ConflictError(`The ${row.name} project comes with the cluster and stays`);
    const core = (await this.#client(row.cluster_id)).makeApiClient(CoreV1Api);
    const namespaces = await this.#namespacesOf(core, projectId);
    for (const namespace of namespaces) {
      if (deleteNamespaces) await core.deleteNamespace({ name: namespace.name });
      else await labelNamespace(core, namespace.name, null);
    }
    await this.#db.deleteFrom('projects').where('id', '=', projectId).execute();
    this.#changed(row.cluster_id);
    return { namespaces: namespaces.map((namespace) => namespace.name), namespacesDeleted: deleteNamespaces };
  }

  async listNamespaces(principal: Principal, projectId: string): Promise<ProjectNamespace[]> {
    const row = await this.#visibleRow(principal, projectId);
    const core = (await this.#client(row.cluster_id)).makeApiClient(CoreV1Api);
    return this.#namespacesOf(core, projectId);
  }

  async createNamespace(principal: Principal, projectId: string, name: string): Promise<ProjectNamespace> {
    const row = await this.#managedRow(principal, projectId);
    const kubeConfig = await this.#client(row.cluster_id);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    await this.#assertQuotaRoom(core, row);
    try {
      const created = await core.createNamespace({
        body: { metadata: { name, labels: { [projectLabel]: projectId } } },
      });
      // A namespace without its quota would escape the project's limits: both, or neither.
      await applyNamespaceQuota(core, name, row).catch(async (error: unknown) => {
        await core.deleteNamespace({ name }).catch(() => undefined);
        throw error;
      });
      this.#changed(row.cluster_id);
      return toNamespace(created);
    } catch (error) {
      if (kubeStatusCode(error) === 409) {
        throw new ConflictError(`A namespace named "${name}" exists`, [{ field: '/body/name', reason: 'is taken' }]);
      }
      // Not the caller's input: the cluster (Bokujo's own credential) failed or refused.
      const server = kubeConfig.getCurrentCluster()?.server ?? row.cluster_id;
      throw new UpstreamError(describeClusterError(error, { server, action: 'create the namespace' }));
    }
  }

  /**
   * Moves a namespace into another project (or out of any, with `null`). The person needs the
   * right to manage both the project it leaves and the one it joins: Rancher's CVE-2020-10676 let
   * a project member pull namespaces into their own project.
   */
  async moveNamespace(principal: Principal, clusterId: string, name: string, toProjectId: string | null) {
    if (!(await this.#access.canSeeCluster(principal, clusterId))) throw new NotFoundError(`No cluster ${clusterId}`);
    const core = (await this.#client(clusterId)).makeApiClient(CoreV1Api);
    let namespace: V1Namespace;
    try {
      namespace = await core.readNamespace({ name });
    } catch (error) {
      if (kubeStatusCode(error) === 404) throw new NotFoundError(`No namespace ${name}`);
      throw error;
    }
    const fromProjectId = namespace.metadata?.labels?.[projectLabel] ?? null;
    await this.#assertMayManageSide(principal, clusterId, fromProjectId, 'the project it is in');
    let target: ProjectsTable | undefined;
    if (toProjectId) {
      target = await this.#managedRow(principal, toProjectId);
      if (target.cluster_id !== clusterId) {
        throw new InputError('The project belongs to another cluster', [
          { field: '/body/projectId', reason: 'is a project of another cluster' },
        ]);
      }
      await this.#assertQuotaRoom(core, target);
    } else {
      await this.#assertMayManageSide(principal, clusterId, null, 'namespaces outside projects');
    }
    await labelNamespace(core, name, toProjectId);
    if (target) await applyNamespaceQuota(core, name, target);
    this.#changed(clusterId);
    return toNamespace({
      ...namespace,
      metadata: { ...namespace.metadata, labels: { [projectLabel]: toProjectId ?? '' } },
    });
  }

  async #assertMayManageSide(principal: Principal, clusterId: string, projectId: string | null, what: string) {
    if (projectId) {
      const project = await this.#db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
      if (project) {
        const permissions = await this.#access.projectPermissions(principal, { id: project.id, clusterId });
        if (permissions.has('project:manage')) return;
        throw new ForbiddenError(`You may not move namespaces out of ${what} (${project.name})`);
      }
    }
    const cluster = await this.#access.clusterPermissions(principal, clusterId);
    if (!cluster.has('projects:manage-all')) throw new ForbiddenError(`You may not manage ${what}`);
  }

  /**
   * With a project quota, every namespace of the project gets the per-namespace default, and the
   * defaults together must fit in the project's total: a namespace that would overdraw it is
   * refused up front rather than created with nothing to run on (Rancher's documented caveat).
   */
  async #assertQuotaRoom(core: CoreV1Api, project: ProjectsTable) {
    if (!project.resource_quota || !project.namespace_default_quota) return;
    const total = JSON.parse(project.resource_quota) as Record<string, string>;
    const perNamespace = JSON.parse(project.namespace_default_quota) as Record<string, string>;
    const count = (await this.#namespacesOf(core, project.id)).length + 1;
    for (const [resource, limit] of Object.entries(total)) {
      const each = perNamespace[resource];
      if (each === undefined) continue;
      if (quantityMilliValue(each) * count > quantityMilliValue(limit)) {
        throw new ConflictError(
          `The project quota for ${resource} (${limit}) has no room for another namespace with ${each}`,
          [{ field: '/body/name', reason: `would exceed the project's ${resource} quota` }],
        );
      }
    }
  }

  async #namespacesOf(core: CoreV1Api, projectId: string) {
    const list = await core.listNamespace({ labelSelector: `${projectLabel}=${projectId}` });
    return list.items.map(toNamespace);
  }

  async #visibleRow(principal: Principal, projectId: string) {
    const row = await this.#db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
    const visible = row && (await this.#access.visibleProjectIds(principal, row.cluster_id));
    if (!row || !visible || (visible !== 'all' && !visible.has(row.id)))
      throw new NotFoundError(`No project ${projectId}`);
    return row;
  }

  async #managedRow(principal: Principal, projectId: string) {
    const row = await this.#visibleRow(principal, projectId);
    const permissions = await this.#access.projectPermissions(principal, { id: row.id, clusterId: row.cluster_id });
    if (!permissions.has('project:manage')) throw new ForbiddenError(`You may not manage the project ${row.name}`);
    return row;
  }

  async #assertNameFree(clusterId: string, name: string) {
    const taken = await this.#db
      .selectFrom('projects')
      .select('id')
      .where('cluster_id', '=', clusterId)
      .where('name', '=', name)
      .executeTakeFirst();
    if (taken) {
      throw new ConflictError(`A project named "${name}" exists in this cluster`, [
        { field: '/body/name', reason: 'is taken' },
      ]);
    }
  }
}

export const namespaceQuotaName = 'bokujo-project-default';

async function applyNamespaceQuota(core: CoreV1Api, namespace: string, project: ProjectsTable) {
  if (!project.namespace_default_quota) return;
  const hard = JSON.parse(project.namespace_default_quota) as Record<string, string>;
  const body = { metadata: { name: namespaceQuotaName, labels: { [projectLabel]: project.id } }, spec: { hard } };
  try {
    await core.createNamespacedResourceQuota({ namespace, body });
  } catch (error) {
    if (kubeStatusCode(error) !== 409) throw error;
    await core.replaceNamespacedResourceQuota({ name: namespaceQuotaName, namespace, body });
  }
}

async function labelNamespace(core: CoreV1Api, name: string, projectId: string | null) {
  await core.patchNamespace({ name, body: { metadata: { labels: { [projectLabel]: projectId } } } }, mergePatch);
}

function newProjectId() {
  return `p-${randomBytes(5).toString('hex')}`;
}

function toProject(row: ProjectsTable): Project {
  return {
    id: row.id,
    clusterId: row.cluster_id,
    name: row.name,
    description: row.description,
    kind: row.kind as Project['kind'],
    resourceQuota: row.resource_quota ? (JSON.parse(row.resource_quota) as Project['resourceQuota']) : null,
    namespaceDefaultQuota: row.namespace_default_quota
      ? (JSON.parse(row.namespace_default_quota) as Project['namespaceDefaultQuota'])
      : null,
    createdAt: row.created_at,
  };
}

function toNamespace(namespace: V1Namespace): ProjectNamespace {
  return {
    name: namespace.metadata?.name ?? '',
    projectId: namespace.metadata?.labels?.[projectLabel] || null,
    phase: namespace.status?.phase ?? 'Active',
    createdAt: namespace.metadata?.creationTimestamp
      ? new Date(namespace.metadata.creationTimestamp).toISOString()
      : null,
  };
}
