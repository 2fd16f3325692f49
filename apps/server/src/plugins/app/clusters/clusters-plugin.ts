import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ClusterMonitor } from './cluster-monitor.ts';
import { ClustersService } from './clusters-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    clusters: ClustersService;
    clusterMonitor: ClusterMonitor;
  }
}

export interface ClustersPluginOptions {
  /** Health check interval of a healthy cluster; failures back off from a shorter one. */
  checkIntervalMs: number;
}

export default fp(
  async function clustersPlugin(app: FastifyInstance, { checkIntervalMs }: ClustersPluginOptions) {
    const clusters = new ClustersService(app.store, app.secretBox, app.access);
    const monitor = new ClusterMonitor({
      store: app.store,
      resolveConnection: (clusterId) => clusters.connectionFor(clusterId),
      log: app.log.child({ component: 'cluster-monitor' }),
      intervals: { healthyMs: checkIntervalMs },
    });
    app.decorate('clusters', clusters);
    app.decorate('clusterMonitor', monitor);
    // Only the leading replica checks in the background; checkNow() works on every replica.
    app.leadership.onChange((leading) => (leading ? monitor.start() : monitor.stop()));
    app.addHook('onClose', async () => monitor.stop());
  },
  { name: 'clusters', dependencies: ['store', 'access', 'leadership'] },
);
