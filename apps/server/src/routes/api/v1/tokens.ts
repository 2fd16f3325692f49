import {
  ApiTokenSchema,
  CreateApiTokenBodySchema,
  CreatedApiTokenSchema,
  ErrorResponseSchema,
  ListOf,
  Permission,
} from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { NotFoundError } from '../../../errors.ts';
import { createApiToken, deleteApiToken, listApiTokens } from '../../../plugins/app/auth/api-tokens.ts';
import { errorResponses } from './error-responses.ts';

const errors = errorResponses(400, 401, 403);
const config = { permission: Permission.authenticated };

/** Personal API tokens: `Authorization: Bearer <secret>` acts as their owner, without CSRF. */
const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/tokens',
    {
      config,
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; its secret is shown only in this response',
        body: CreateApiTokenBodySchema,
        response: { 201: CreatedApiTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(app.store, {
        userId: request.principal!.userId,
        name: request.body.name.trim(),
        expiresInDays: request.body.expiresInDays,
        providerId: request.principal!.providerId,
      });
      await app.audit(request, {
        action: 'token.create',
        target: { kind: 'token', id: created.token.id, name: created.token.name },
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/tokens',
    {
      config,
      schema: { tags: ['tokens'], summary: 'My API tokens', response: { 200: ListOf(ApiTokenSchema), ...errors } },
    },
    async (request) => ({ items: await listApiTokens(app.store, request.principal!.userId) }),
  );

  app.delete(
    '/tokens/:tokenId',
    {
      config,
      schema: {
        tags: ['tokens'],
        summary: 'Revoke one of my API tokens',
        params: Type.Object({ tokenId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errors, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      if (!(await deleteApiToken(app.store, request.principal!.userId, request.params.tokenId))) {
        throw new NotFoundError(`No token ${request.params.tokenId}`);
      }
      await app.audit(request, { action: 'token.revoke', target: { kind: 'token', id: request.params.tokenId } });
      return reply.code(204).send(null);
    },
  );
};

export default tokenRoutes;
