import {
  CreateUserBodySchema,
  ListOf,
  Permission,
  ResetPasswordBodySchema,
  UpdateUserBodySchema,
  UserSchema,
} from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ForbiddenError } from '../../../errors.ts';
import { commonErrors } from './error-responses.ts';

const errors = commonErrors;
const params = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) });
const config = { permission: Permission.usersManage };

const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * Someone who manages users without being an Administrator may neither touch an Administrator
   * nor hand out rights they lack themselves: managing users must not be a way to become admin.
   */
  async function assertMayGrant(
    request: FastifyRequest,
    target: { globalRoles: string[] } | undefined,
    roles?: string[],
  ) {
    const principal = request.principal!;
    if (principal.isAdmin) return;
    if (target?.globalRoles.includes('admin'))
      throw new ForbiddenError('Only an Administrator may change an Administrator');
    if (roles) {
      const granted = await app.access.globalPermissions(roles);
      const own = new Set(request.globalPermissions ?? []);
      if (roles.includes('admin') || granted.some((permission) => !own.has(permission))) {
        throw new ForbiddenError('You may not grant rights you do not hold');
      }
    }
  }

  app.get(
    '/users',
    { config, schema: { tags: ['users'], summary: 'All users', response: { 200: ListOf(UserSchema), ...errors } } },
    async () => ({ items: await app.usersAdmin.list() }),
  );

  app.post(
    '/users',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Create a local user',
        body: CreateUserBodySchema,
        response: { 201: UserSchema, ...errors },
      },
    },
    async (request, reply) => {
      await assertMayGrant(request, undefined, request.body.globalRoles);
      const user = await app.usersAdmin.create(request.body);
      await app.audit(request, {
        action: 'user.create',
        target: { kind: 'user', id: user.id, name: user.username },
        details: { globalRoles: user.globalRoles },
      });
      return reply.code(201).send(user);
    },
  );

  app.get(
    '/users/:userId',
    { config, schema: { tags: ['users'], summary: 'One user', params, response: { 200: UserSchema, ...errors } } },
    async (request) => app.usersAdmin.get(request.params.userId),
  );

  app.patch(
    '/users/:userId',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Edit display name, enable or disable (ending sessions and tokens), or set global roles',
        params,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...errors },
      },
    },
    async (request) => {
      await assertMayGrant(request, await app.usersAdmin.get(request.params.userId), request.body.globalRoles);
      const user = await app.usersAdmin.update(request.params.userId, request.body);
      await app.audit(request, {
        action: 'user.update',
        target: { kind: 'user', id: user.id, name: user.username },
        details: { ...request.body },
      });
      return user;
    },
  );

  app.put(
    '/users/:userId/password',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Reset a user’s password; their sessions end',
        params,
        body: ResetPasswordBodySchema,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const target = await app.usersAdmin.get(request.params.userId);
      await assertMayGrant(request, target);
      await app.usersAdmin.resetPassword(request.params.userId, request.body);
      await app.audit(request, {
        action: 'user.password-reset',
        target: { kind: 'user', id: target.id, name: target.username },
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/users/:userId',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Delete a user and every role they hold',
        params,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await assertMayGrant(request, await app.usersAdmin.get(request.params.userId));
      const user = await app.usersAdmin.delete(request.params.userId);
      await app.audit(request, { action: 'user.delete', target: { kind: 'user', id: user.id, name: user.username } });
      return reply.code(204).send(null);
    },
  );
};

export default userRoutes;
