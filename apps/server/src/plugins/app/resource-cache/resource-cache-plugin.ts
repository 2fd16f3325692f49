import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ListAccess, resolveView, type ResourceView, type ViewRequest } from './resource-access.ts';
import { ResourceCaches } from './resource-caches.ts';
import { closeCodes, WatchHub } from './watch-hub.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Cached, RBAC-checked lists of the kinds the console shows, and their live updates. */
    resourceCache: {
      caches: ResourceCaches;
      access: ListAccess;
      hub: WatchHub;
      /** The caller's view of a cached kind; throws 404/403/400 as the list route answers them. */
      view(request: ViewRequest): Promise<ResourceView>;
    };
  }
}

export interface ResourceCachePluginOptions {
  /** A cache nobody subscribed to or asked for this long is stopped; 5 min by default. */
  idleMs?: number;
  /** How long an access review answer is reused; 15 s by default. */
  accessTtlMs?: number;
  /** How often a socket's session and expired permissions are checked again; 10 s by default. */
  recheckMs?: number;
}

/** The largest websocket frame accepted at all; the hub refuses (with an error) anything above 16 KiB. */
const maxFrameBytes = 2 * 1024 * 1024;

export default fp(
  async function resourceCachePlugin(app: FastifyInstance, options: ResourceCachePluginOptions) {
    // Websocket routes go through Fastify's router and hooks (session or token, route permission);
    // the kube proxy's upgrade listener leaves every path outside /k8s/clusters/ to this plugin.
    await app.register(websocket, {
      options: { maxPayload: maxFrameBytes },
      // The plugin's own shutdown closes sockets without a code; 1001 "going away" tells the SPA to
      // reconnect (through the load balancer, to a replica still up) rather than that it was refused.
      preClose(this: FastifyInstance, done: () => void) {
        for (const client of this.websocketServer.clients)
          client.close(closeCodes.shuttingDown, 'Bokujo is shutting down');
        this.websocketServer.close();
        done();
      },
    });

    const caches = new ResourceCaches({
      connectionFor: (clusterId) => app.clusters.connectionFor(clusterId),
      log: app.log.child({ component: 'resource-cache' }),
      ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
    });
    const access = new ListAccess(
      (clusterId, principal, request) => app.kube.asPerson(clusterId, principal, request),
      options.accessTtlMs,
    );
    const view = (request: ViewRequest) =>
      resolveView(caches, access, (clusterId, principal) => app.clusters.getCluster(clusterId, principal), request);
    const hub = new WatchHub({
      caches,
      resolveView: view,
      authenticate: (request) => app.auth.authenticateRaw(request),
      log: app.log.child({ component: 'watch-hub' }),
      ...(options.recheckMs !== undefined ? { recheckMs: options.recheckMs } : {}),
    });
    app.decorate('resourceCache', { caches, access, hub, view });

    // A cluster removed from Bokujo must not be watched any longer, nor fed to anyone.
    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'DELETE' || request.routeOptions.url !== '/api/v1/clusters/:clusterId') return;
      if (reply.statusCode >= 300) return;
      const { clusterId } = request.params as { clusterId: string };
      caches.stopCluster(clusterId);
      hub.clusterRemoved(clusterId);
    });
    app.addHook('preClose', async () => hub.closeAll());
    app.addHook('onClose', async () => caches.close());
  },
  { name: 'resource-cache', dependencies: ['clusters', 'kube-client', 'auth'] },
);
