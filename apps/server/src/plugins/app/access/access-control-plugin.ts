import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { kubeConfigFor } from '../clusters/kube-config.ts';
import { MembersService } from '../members/members-service.ts';
import { ProjectsService } from '../projects/projects-service.ts';
import { type ForwardedRequest, RbacReconciler } from '../rbac/rbac-reconciler.ts';
import { UsersAdmin } from '../users/users-admin.ts';
import { loadAccessModel } from './access-model.ts';

declare module 'fastify' {
  interface FastifyInstance {
    projects: ProjectsService;
    members: MembersService;
    usersAdmin: UsersAdmin;
    rbac: RbacReconciler;
  }
}

/** How often the leader compares the clusters it watches with the store's (imports through other replicas). */
const clusterListSyncMs = 5_000;
const forwardedRequests = new Set<string>(['watch', 'unwatch', 'trigger'] satisfies ForwardedRequest[]);

/**
 * Projects, members and users, and the reconciler that turns them into bindings in every
 * cluster. A change anywhere triggers a reconcile of the cluster it concerns. Only the leading
 * replica reconciles (see app.leadership): the others hand their triggers to it.
 */
export default fp(
  async function accessControlPlugin(app: FastifyInstance, { resyncMs }: { resyncMs?: number }) {
    const clusterClient = async (clusterId: string) => kubeConfigFor(await app.clusters.connectionFor(clusterId));
    const rbac = new RbacReconciler({
      loadModel: (clusterId) => loadAccessModel(app.store, app.access, clusterId),
      kubeConfig: clusterClient,
      log: app.log.child({ component: 'rbac' }),
      ...(resyncMs ? { resyncMs } : {}),
      standby: true,
      forward: (clusterId, request) => app.leadership.tellLeader('rbac', JSON.stringify({ clusterId, request })),
    });
    const changed = (clusterId: string) => rbac.trigger(clusterId);
    app.decorate('rbac', rbac);
    app.decorate('projects', new ProjectsService(app.store, app.access, clusterClient, changed));
    app.decorate('members', new MembersService(app.store, app.access, changed));
    app.decorate('usersAdmin', new UsersAdmin(app.store, changed));

    app.leadership.onMessage('rbac', (message) => {
      const { clusterId, request } = JSON.parse(message) as { clusterId?: unknown; request?: unknown };
      if (typeof clusterId !== 'string' || typeof request !== 'string' || !forwardedRequests.has(request)) return;
      if (request === 'watch') rbac.watch(clusterId);
      else if (request === 'unwatch') void rbac.unwatch(clusterId);
      else rbac.trigger(clusterId);
    });

    // The leader watches every imported cluster, which reconciles each at once: a replica taking
    // over finishes whatever the previous leader left half done. Clusters imported or deleted
    // through other replicas join or leave with the next comparison, should their message be lost.
    let sync: NodeJS.Timeout | undefined;
    const syncClusters = async () => {
      const ids = new Set((await app.store.selectFrom('clusters').select('id').execute()).map((row) => row.id));
      if (rbac.standby) return;
      for (const id of ids) rbac.watch(id);
      await Promise.all(rbac.watchedClusters.filter((id) => !ids.has(id)).map((id) => rbac.unwatch(id)));
    };
    app.leadership.onChange(async (leading) => {
      clearInterval(sync);
      if (!leading) return rbac.setStandby(true);
      await rbac.setStandby(false);
      sync = setInterval(() => {
        syncClusters().catch((error: unknown) => app.log.warn({ err: error }, 'rbac: could not read the cluster list'));
      }, clusterListSyncMs);
      sync.unref();
      await syncClusters();
    });
    app.addHook('preClose', async () => {
      clearInterval(sync);
      await rbac.stop();
    });
  },
  { name: 'access-control', dependencies: ['store', 'access', 'clusters', 'leadership'] },
);
