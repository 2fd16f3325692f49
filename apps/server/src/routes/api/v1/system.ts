import { Permission, type ResourceCachesReport, ResourceCachesReportSchema } from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from './error-responses.ts';

/** What this server process holds: its resource caches and its memory. */
const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/system/caches',
    {
      config: { permission: Permission.admin },
      schema: {
        tags: ['system'],
        summary: 'This process’s resource caches (rows, subscribers, upstream watches) and memory',
        response: { 200: ResourceCachesReportSchema, ...errorResponses(401, 403) },
      },
    },
    async (): Promise<ResourceCachesReport> => {
      const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
      return {
        caches: app.resourceCache.caches.stats(),
        sockets: app.resourceCache.hub.sockets,
        memory: { rss, heapTotal, heapUsed, external, arrayBuffers },
      };
    },
  );
};

export default systemRoutes;
