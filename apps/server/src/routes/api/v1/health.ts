import { access, constants } from 'node:fs/promises';
import { HealthSchema, Permission, type Health } from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export interface HealthRoutesOptions {
  dataDir: string;
}

/** Liveness says the process answers; readiness says it can serve, i.e. its store is usable. */
const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, { dataDir }) => {
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
      const store = await checkWritable(dataDir);
      const body: Health = { status: store.ok ? 'ok' : 'unavailable', checks: { store } };
      return reply.code(store.ok ? 200 : 503).send(body);
    },
  );
};

async function checkWritable(dir: string): Promise<{ ok: boolean; message?: string }> {
  try {
    await access(dir, constants.W_OK);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `data dir ${dir} is not writable: ${(error as NodeJS.ErrnoException).code}` };
  }
}

export default healthRoutes;
