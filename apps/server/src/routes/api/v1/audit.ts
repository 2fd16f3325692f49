import { AuditEntrySchema, AuditQuerySchema, ErrorResponseSchema, ListOf, Permission } from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { queryAudit } from '../../../plugins/app/audit/audit-log.ts';

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { permission: Permission.auditRead },
      schema: {
        tags: ['audit'],
        summary: 'Bokujo actions, newest first, filtered by action, actor, target, outcome and time',
        querystring: AuditQuerySchema,
        response: {
          200: ListOf(AuditEntrySchema),
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          403: ErrorResponseSchema,
        },
      },
    },
    async (request) => ({ items: await queryAudit(app.store, request.query) }),
  );
};

export default auditRoutes;
