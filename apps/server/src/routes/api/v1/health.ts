import { HealthSchema, Permission, type Health } from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pingStore, type Store } from '../../../plugins/app/store/store.ts';

/** Liveness says the process answers; readiness says it can serve, i.e. its store is usable. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { permission: Permission.public },
      schema: { tags: ['health'], summary: 'The server is alive', response: { 200: HealthSchema } },
    },
    async (): Promise<Health> => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { permission: Permission.public },
      schema: {
        tags: ['health'],
        summary: 'The server can serve requests: its store is reachable',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const store = await checkStore(app.store);
      const body: Health = { status: store.ok ? 'ok' : 'unavailable', checks: { store } };
      return reply.code(store.ok ? 200 : 503).send(body);
    },
  );
};

async function checkStore(store: Store): Promise<{ ok: boolean; message?: string }> {
  try {
    await pingStore(store);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `the store does not answer: ${(error as Error).message}` };
  }
}

export default healthRoutes;
