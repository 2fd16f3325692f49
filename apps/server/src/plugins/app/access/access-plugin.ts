import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AccessService } from './access-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    access: AccessService;
  }
}

export default fp(
  async function accessPlugin(app: FastifyInstance) {
    app.decorate('access', new AccessService(app.store));
  },
  { name: 'access', dependencies: ['store'] },
);
