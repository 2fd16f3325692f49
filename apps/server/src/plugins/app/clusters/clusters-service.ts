import { randomBytes } from 'node:crypto';
import type { Cluster, ClusterSummary, ImportClusterBody, UpdateClusterBody } from '@bokujo/shared';
import { AuthorizationV1Api, CoreV1Api, VersionApi } from '@kubernetes/client-node';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../errors.ts';
import type { AccessService } from '../access/access-service.ts';
import type { Principal } from '../auth/principal.ts';
import type { SecretBox } from '../store/secret-box.ts';
import type { ClusterRow } from '../store/schema.ts';
import { now, type Store } from '../store/store.ts';
import { createBokujoIdentity, removeBokujoIdentity } from './bokujo-identity.ts';
import type { ClusterConnection } from './connection.ts';
import { describeClusterError } from './cluster-status.ts';
import { withTimeout } from './kube-errors.ts';
import { kubeConfigFor } from './kube-config.ts';
import { sanitiseKubeconfig, toClusterConnection } from './kubeconfig/sanitise-kubeconfig.ts';

const contactTimeoutMs = 10_000;
/** The exchange waits for the token controller to issue a token, which takes a moment. */
const exchangeTimeoutMs = 60_000;
const kubeconfigField = '/body/kubeconfig';

type Credential = ClusterConnection['credential'];

/** Registry of imported clusters: import, read, edit, forget, and how to reach each one. */
export class ClustersService {
  readonly #db: Store;
  readonly #box: SecretBox;
  readonly #access: AccessService;
  constructor(db: Store, box: SecretBox, access: AccessService) {
    this.#db = db;
    this.#box = box;
    this.#access = access;
  }

  /**
   * Imports a cluster from an uploaded kubeconfig: sanitise, contact (bounded), check rights,
   * refuse a duplicate, then (by default) exchange the upload for Bokujo's own ServiceAccount.
   * Only the credential Bokujo will use is stored; nothing is stored if any step fails.
   */
  async importCluster(body: ImportClusterBody, owner: Principal): Promise<Cluster> {
    await this.#assertNameFree(body.name);
    const upload = sanitiseKubeconfig(body.kubeconfig, {
      ...(body.context ? { context: body.context } : {}),
      allowInsecureSkipTlsVerify: body.insecureSkipTlsVerify === true,
    });
    const id = `c-${randomBytes(6).toString('hex')}`;
    const uploaded = toClusterConnection(id, upload);
    const uploadedConfig = kubeConfigFor(uploaded);
    const keep = body.keepUploadedCredential === true;
    const version = await step(uploaded.server, contactStep, async () => {
      const info = await uploadedConfig.makeApiClient(VersionApi).getCode();
      return info.gitVersion;
    });
    assertSupportedVersion(version);
    await assertRights(uploadedConfig, keep ? impersonationRights : exchangeRights);
    const kubeSystemUid = await step(uploaded.server, contactStep, async () => {
      const kubeSystem = await uploadedConfig.makeApiClient(CoreV1Api).readNamespace({ name: 'kube-system' });
      if (!kubeSystem.metadata?.uid) throw new Error('the kube-system namespace has no uid');
      return kubeSystem.metadata.uid;
    });
    await this.#assertNotImported(kubeSystemUid);

    let credential: Credential = uploaded.credential;
    if (!keep) {
      const token = await step(
        uploaded.server,
        exchangeStep,
        () => createBokujoIdentity(uploadedConfig),
        exchangeTimeoutMs,
      );
      credential = { kind: 'token', token };
      await assertRights(kubeConfigFor({ ...uploaded, credential }), impersonationRights);
    }

    const time = now();
    try {
      await this.#db
        .insertInto('clusters')
        .values({
          id,
          name: body.name,
          description: body.description ?? '',
          labels: JSON.stringify(body.labels ?? {}),
          server: uploaded.server,
          ca_data: uploaded.caData ?? null,
          tls_server_name: uploaded.tlsServerName ?? null,
          insecure_skip_tls_verify: uploaded.insecureSkipTlsVerify ? 1 : 0,
          credential: this.#box.seal(JSON.stringify(credential), credentialContext(id)),
          credential_kind: keep ? 'uploaded' : 'service-account',
          kube_system_uid: kubeSystemUid,
          owner_user_id: owner.userId,
          state: 'Pending',
          state_reason: 'Waiting for the first health check',
          version: version,
          provider: null,
          summary: null,
          last_checked_at: null,
          created_at: time,
          updated_at: time,
        })
        .execute();
      // The importer owns what they import, as in Rancher; Administrators need no membership.
      if (!owner.isAdmin) {
        await this.#db
          .insertInto('cluster_members')
          .values({
            id: `m-${randomBytes(6).toString('hex')}`,
            cluster_id: id,
            subject_kind: 'user',
            subject: owner.userId,
            role_template_id: 'cluster-owner',
            created_at: time,
          })
          .execute();
      }
    } catch (error) {
      // A concurrent import of the same cluster or name won the race; undo the exchange.
      if (!keep) await removeBokujoIdentity(uploadedConfig).catch(() => undefined);
      await this.#assertNameFree(body.name);
      await this.#assertNotImported(kubeSystemUid);
      throw error;
    }
    return this.getCluster(id, owner);
  }

  async listClusters(principal: Principal): Promise<Cluster[]> {
    const visible = await this.#access.visibleClusterIds(principal);
    if (visible !== 'all' && visible.size === 0) return [];
    let query = this.#db.selectFrom('clusters').selectAll().orderBy('name');
    if (visible !== 'all') query = query.where('id', 'in', [...visible]);
    return (await query.execute()).map(toCluster);
  }

  async getCluster(id: string, principal: Principal): Promise<Cluster> {
    return toCluster(await this.#visibleRow(id, principal));
  }

  async updateCluster(id: string, changes: UpdateClusterBody, principal: Principal): Promise<Cluster> {
    const row = await this.#managedRow(id, principal);
    if (changes.name && changes.name !== row.name) await this.#assertNameFree(changes.name);
    await this.#db
      .updateTable('clusters')
      .set({
        ...(changes.name ? { name: changes.name } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.labels ? { labels: JSON.stringify(changes.labels) } : {}),
        updated_at: now(),
      })
      .where('id', '=', id)
      .execute();
    return this.getCluster(id, principal);
  }

  /**
   * Forgets a cluster. When it is reachable, Bokujo's ServiceAccount and bindings are removed
   * from it first; the credential is forgotten either way, and the outcome says what happened.
   */
  async deleteCluster(id: string, principal: Principal) {
    const row = await this.#managedRow(id, principal);
    let cleanup: { removedFromCluster: boolean; reason: string | null };
    if (row.credential_kind === 'service-account') {
      try {
        await withTimeout(removeBokujoIdentity(kubeConfigFor(this.#connectionOf(row))), contactTimeoutMs, 'cleanup');
        cleanup = { removedFromCluster: true, reason: null };
      } catch (error) {
        const reason = describeClusterError(error, { server: row.server, action: 'remove Bokujo’s ServiceAccount' });
        cleanup = { removedFromCluster: false, reason };
      }
    } else {
      cleanup = { removedFromCluster: false, reason: 'Bokujo used the uploaded credential and created nothing' };
    }
    await this.#db.deleteFrom('clusters').where('id', '=', id).execute();
    return cleanup;
  }

  /** How the proxy and the background work reach a cluster; only for callers who may see it. */
  async connectionFor(id: string, principal?: Principal): Promise<ClusterConnection> {
    const row = principal ? await this.#visibleRow(id, principal) : await this.#row(id);
    return this.#connectionOf(row);
  }

  #connectionOf(row: ClusterRow): ClusterConnection {
    const credential = JSON.parse(this.#box.open(row.credential, credentialContext(row.id))) as Credential;
    return {
      clusterId: row.id,
      server: row.server,
      ...(row.ca_data ? { caData: row.ca_data } : {}),
      ...(row.tls_server_name ? { tlsServerName: row.tls_server_name } : {}),
      insecureSkipTlsVerify: row.insecure_skip_tls_verify === 1,
      credential,
    };
  }

  async #row(id: string) {
    const row = await this.#db.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`No cluster ${id}`);
    return row;
  }

  /** Someone who may not see a cluster learns nothing about it, not even that it exists. */
  async #visibleRow(id: string, principal: Principal) {
    const row = await this.#db.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !(await this.#access.canSeeCluster(principal, id))) throw new NotFoundError(`No cluster ${id}`);
    return row;
  }

  /** Editing and deleting a cluster needs Cluster Owner rights in it (or Administrator). */
  async #managedRow(id: string, principal: Principal) {
    const row = await this.#visibleRow(id, principal);
    const templates = principal.isAdmin ? ['cluster-owner'] : await this.#access.clusterTemplateIds(principal, id);
    if (!templates.includes('cluster-owner'))
      throw new ForbiddenError('Only a Cluster Owner may change or delete this cluster');
    return row;
  }

  async #assertNameFree(name: string) {
    const taken = await this.#db.selectFrom('clusters').select('id').where('name', '=', name).executeTakeFirst();
    if (taken) {
      throw new ConflictError(`A cluster named "${name}" exists`, [{ field: '/body/name', reason: 'is taken' }]);
    }
  }

  async #assertNotImported(kubeSystemUid: string) {
    const existing = await this.#db
      .selectFrom('clusters')
      .select(['id', 'name'])
      .where('kube_system_uid', '=', kubeSystemUid)
      .executeTakeFirst();
    if (existing) {
      throw new ConflictError(`This cluster is already imported as "${existing.name}" (${existing.id})`, [
        { field: kubeconfigField, reason: `names the cluster already imported as "${existing.name}"` },
      ]);
    }
  }
}

function credentialContext(clusterId: string) {
  return `cluster:${clusterId}:credential`;
}

/** The oldest Kubernetes Bokujo manages: older ones lack APIs it relies on (SelfSubjectReview, v1 CronJob, …). */
export const oldestSupportedMinor = 27;

function assertSupportedVersion(gitVersion: string) {
  const match = /^v?(\d+)\.(\d+)/.exec(gitVersion);
  const minor = match && match[1] === '1' ? Number(match[2]) : undefined;
  if (minor === undefined || minor < oldestSupportedMinor) {
    throw new InputError(`Kubernetes ${gitVersion} is not supported; Bokujo needs 1.${oldestSupportedMinor} or newer`, [
      { field: kubeconfigField, reason: `names a cluster running Kubernetes ${gitVersion}` },
    ]);
  }
}

interface ImportStep {
  /** "Import failed while …" */
  during: string;
  /** "Bokujo's credential may not …" */
  action: string;
}

const contactStep: ImportStep = { during: 'contacting the cluster', action: 'read the cluster' };
const rightsStep: ImportStep = { during: 'verifying the credential’s rights', action: 'review its rights' };
const exchangeStep: ImportStep = {
  during: 'creating Bokujo’s ServiceAccount',
  action: 'create Bokujo’s ServiceAccount',
};

async function step<T>(
  server: string,
  { during, action }: ImportStep,
  run: () => Promise<T>,
  timeoutMs = contactTimeoutMs,
) {
  try {
    return await withTimeout(run(), timeoutMs, during);
  } catch (error) {
    const reason = describeClusterError(error, { server, action });
    throw new InputError(`Import failed while ${during}: ${reason}`, [
      { field: kubeconfigField, reason: `${during} failed: ${reason}` },
    ]);
  }
}

interface Right {
  verb: string;
  group?: string;
  resource: string;
  why: string;
}

const impersonationRights: Right[] = [
  { verb: 'get', resource: 'namespaces', why: 'identify the cluster by its kube-system namespace' },
  { verb: 'impersonate', resource: 'users', why: 'act as each person' },
  { verb: 'impersonate', resource: 'groups', why: 'act as each person’s groups' },
];

const exchangeRights: Right[] = [
  { verb: 'create', resource: 'namespaces', why: 'create the bokujo-system namespace' },
  { verb: 'create', resource: 'serviceaccounts', why: 'create Bokujo’s service account' },
  { verb: 'create', resource: 'secrets', why: 'issue the service account token' },
  { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', why: 'define Bokujo’s role' },
  {
    verb: 'create',
    group: 'rbac.authorization.k8s.io',
    resource: 'clusterrolebindings',
    why: 'bind Bokujo’s role',
  },
  { verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', why: 'grant RBAC management' },
  ...impersonationRights,
];

/** Asks the cluster (SelfSubjectAccessReview) whether the credential may do what Bokujo needs. */
async function assertRights(kubeConfig: ReturnType<typeof kubeConfigFor>, rights: Right[]) {
  const authorization = kubeConfig.makeApiClient(AuthorizationV1Api);
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  const missing = await step(server, rightsStep, async () => {
    const answers = await Promise.all(
      rights.map(async (right) => {
        const review = await authorization.createSelfSubjectAccessReview({
          body: {
            spec: { resourceAttributes: { verb: right.verb, group: right.group ?? '', resource: right.resource } },
          },
        });
        return review.status?.allowed ? undefined : right;
      }),
    );
    return answers.filter((right): right is Right => right !== undefined);
  });
  if (missing.length > 0) {
    const list = missing.map((right) => `${right.verb} ${right.resource} (to ${right.why})`).join(', ');
    throw new InputError(`The credential lacks rights Bokujo needs: ${list}`, [
      { field: kubeconfigField, reason: `the credential may not ${list}` },
    ]);
  }
}

export function toCluster(row: ClusterRow): Cluster {
  const warnings = row.insecure_skip_tls_verify
    ? ['TLS verification of this cluster is switched off: its identity is not checked']
    : [];
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    labels: JSON.parse(row.labels) as Record<string, string>,
    state: row.state as Cluster['state'],
    stateReason: row.state_reason,
    version: row.version,
    provider: row.provider as Cluster['provider'],
    server: row.server,
    warnings,
    credentialKind: row.credential_kind as Cluster['credentialKind'],
    summary: row.summary ? (JSON.parse(row.summary) as ClusterSummary) : null,
    lastCheckedAt: row.last_checked_at,
    createdAt: row.created_at,
  };
}
