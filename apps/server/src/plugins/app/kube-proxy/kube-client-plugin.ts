import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../auth/principal.ts';
import { callAsPerson, type KubeRequest, type KubeResponse } from './impersonated-client.ts';
import { UpstreamAgents } from './upstream-agents.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Kubernetes calls made by Bokujo's routes on a person's behalf, impersonated as them. */
    kube: {
      asPerson<T = unknown>(clusterId: string, principal: Principal, request: KubeRequest): Promise<KubeResponse<T>>;
    };
  }
}

export default fp(
  async function kubeClientPlugin(app: FastifyInstance) {
    const agents = new UpstreamAgents();
    app.decorate('kube', {
      asPerson: async <T>(clusterId: string, principal: Principal, request: KubeRequest) =>
        callAsPerson<T>(agents, await app.clusters.connectionFor(clusterId, principal), principal, request),
    });
    app.addHook('onClose', async () => agents.destroyAll());
  },
  { name: 'kube-client', dependencies: ['clusters'] },
);
