import {
  builtInGlobalRoles,
  CreateGlobalRoleBodySchema,
  CreateRoleTemplateBodySchema,
  GlobalPermission,
  GlobalRoleInfoSchema,
  ListOf,
  Permission,
  RoleTemplateSchema,
  ScopedPermission,
} from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ConflictError, InputError, NotFoundError } from '../../../errors.ts';
import { reservedTemplateIds } from '../../../plugins/app/rbac/desired-rbac.ts';
import { now } from '../../../plugins/app/store/store.ts';
import { commonErrors } from './error-responses.ts';

const errors = commonErrors;
const builtInNames: Record<string, string> = {
  admin: 'Administrator',
  user: 'Standard User',
  'user-base': 'User-Base',
};

const roleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/global-roles',
    {
      config: { permission: Permission.authenticated },
      schema: {
        tags: ['roles'],
        summary: 'Global roles, built-in and custom',
        response: { 200: ListOf(GlobalRoleInfoSchema), ...errors },
      },
    },
    async () => {
      const custom = await app.store.selectFrom('global_roles').selectAll().orderBy('name').execute();
      return {
        items: [
          ...Object.entries(builtInGlobalRoles).map(([id, permissions]) => ({
            id,
            name: builtInNames[id] ?? id,
            builtIn: true,
            permissions: [...permissions],
          })),
          ...custom.map((role) => ({
            id: role.id,
            name: role.name,
            builtIn: false,
            permissions: JSON.parse(role.permissions) as string[],
          })),
        ],
      };
    },
  );

  app.post(
    '/global-roles',
    {
      config: { permission: Permission.rolesManage },
      schema: {
        tags: ['roles'],
        summary: 'Create a custom global role from Bokujo permissions',
        body: CreateGlobalRoleBodySchema,
        response: { 201: GlobalRoleInfoSchema, ...errors },
      },
    },
    async (request, reply) => {
      const known = Object.values(GlobalPermission) as string[];
      const unknown = request.body.permissions.filter((permission) => !known.includes(permission));
      if (unknown.length > 0) {
        throw new InputError(`Unknown permissions: ${unknown.join(', ')}`, [
          { field: '/body/permissions', reason: `must be among ${known.join(', ')}` },
        ]);
      }
      if (
        request.body.id in builtInGlobalRoles ||
        (await app.store.selectFrom('global_roles').select('id').where('id', '=', request.body.id).executeTakeFirst())
      ) {
        throw new ConflictError(`A global role ${request.body.id} exists`, [{ field: '/body/id', reason: 'is taken' }]);
      }
      await app.store
        .insertInto('global_roles')
        .values({
          id: request.body.id,
          name: request.body.name,
          permissions: JSON.stringify(request.body.permissions),
          created_at: now(),
        })
        .execute();
      await app.audit(request, {
        action: 'global-role.create',
        target: { kind: 'global-role', id: request.body.id, name: request.body.name },
      });
      return reply.code(201).send({ ...request.body, builtIn: false });
    },
  );

  app.delete(
    '/global-roles/:roleId',
    {
      config: { permission: Permission.rolesManage },
      schema: {
        tags: ['roles'],
        summary: 'Delete a custom global role no user holds',
        params: Type.Object({ roleId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { roleId } = request.params;
      const holder = await app.store
        .selectFrom('user_global_roles')
        .select('user_id')
        .where('role', '=', roleId)
        .executeTakeFirst();
      if (holder) throw new ConflictError(`Users still hold the global role ${roleId}`);
      const result = await app.store.deleteFrom('global_roles').where('id', '=', roleId).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw new NotFoundError(`No custom global role ${roleId}`);
      await app.audit(request, { action: 'global-role.delete', target: { kind: 'global-role', id: roleId } });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/role-templates',
    {
      config: { permission: Permission.authenticated },
      schema: {
        tags: ['roles'],
        summary: 'Cluster and project role templates',
        response: { 200: ListOf(RoleTemplateSchema), ...errors },
      },
    },
    async () => ({ items: await app.access.templates() }),
  );

  app.post(
    '/role-templates',
    {
      config: { permission: Permission.rolesManage },
      schema: {
        tags: ['roles'],
        summary: 'Create a custom role template from Kubernetes rules',
        body: CreateRoleTemplateBodySchema,
        response: { 201: RoleTemplateSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const scoped = Object.values(ScopedPermission) as string[];
      const permissions = body.permissions ?? [];
      const unknown = permissions.filter((permission) => !scoped.includes(permission));
      if (unknown.length > 0) {
        throw new InputError(`Unknown permissions: ${unknown.join(', ')}`, [
          { field: '/body/permissions', reason: `must be among ${scoped.join(', ')}` },
        ]);
      }
      if (reservedTemplateIds.includes(body.id) || (await app.access.template(body.id))) {
        throw new ConflictError(`A role template ${body.id} exists`, [{ field: '/body/id', reason: 'is taken' }]);
      }
      await app.store
        .insertInto('role_templates')
        .values({
          id: body.id,
          name: body.name,
          context: body.context,
          rules: JSON.stringify(body.rules),
          permissions: JSON.stringify(permissions),
          created_at: now(),
        })
        .execute();
      await app.audit(request, {
        action: 'role-template.create',
        target: { kind: 'role-template', id: body.id, name: body.name },
      });
      const created = await app.access.template(body.id);
      if (!created) throw new NotFoundError(`The role template ${body.id} vanished`);
      return reply.code(201).send(created);
    },
  );
};

export default roleRoutes;
