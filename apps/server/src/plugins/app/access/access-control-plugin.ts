import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { kubeConfigFor } from '../clusters/kube-config.ts';
import { MembersService } from '../members/members-service.ts';
import { ProjectsService } from '../projects/projects-service.ts';
import { RbacReconciler } from '../rbac/rbac-reconciler.ts';
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

/**
 * Projects, members and users, and the reconciler that turns them into bindings in every
 * cluster. A change anywhere triggers a reconcile of the cluster it concerns.
 */
export default fp(
  async function accessControlPlugin(app: FastifyInstance, { resyncMs }: { resyncMs?: number }) {
    const clusterClient = async (clusterId: string) => kubeConfigFor(await app.clusters.connectionFor(clusterId));
    const rbac = new RbacReconciler({
      loadModel: (clusterId) => loadAccessModel(app.store, app.access, clusterId),
      kubeConfig: clusterClient,
      log: app.log.child({ component: 'rbac' }),
      ...(resyncMs ? { resyncMs } : {}),
    });
    const changed = (clusterId: string) => rbac.trigger(clusterId);
    app.decorate('rbac', rbac);
    app.decorate('projects', new ProjectsService(app.store, app.access, clusterClient, changed));
    app.decorate('members', new MembersService(app.store, app.access, changed));
    app.decorate('usersAdmin', new UsersAdmin(app.store, changed));

    // Every imported cluster is watched; clusters imported or deleted later join or leave.
    app.addHook('onReady', async () => {
      const clusters = await app.store.selectFrom('clusters').select('id').execute();
      for (const cluster of clusters) rbac.watch(cluster.id);
    });
    app.addHook('preClose', async () => rbac.stop());
  },
  { name: 'access-control', dependencies: ['store', 'access', 'clusters'] },
);
