import { HealthSchema, Permission, type Health } from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pingStore, type Store } from '../../../plugins/app/store/store.ts';

/**
 * Liveness says the process answers; readiness says it can serve: its store is usable, it takes
 * part in leader election, and it is not shutting down. A replica that does not lead is ready:
 * every replica serves requests.
 */
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
        summary: 'The server can serve requests: its store is reachable and it is not shutting down',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const store = await checkStore(app.store);
      const leadership = app.leadership.status();
      const shutdown = app.draining
        ? { ok: false, message: 'shutting down: finishing the requests in flight' }
        : { ok: true };
      const ok = store.ok && leadership.ok && shutdown.ok;
      const body: Health = { status: ok ? 'ok' : 'unavailable', checks: { store, leadership, shutdown } };
      return reply.code(ok ? 200 : 503).send(body);
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
