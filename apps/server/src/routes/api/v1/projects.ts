import {
  AddMemberBodySchema,
  CreateNamespaceBodySchema,
  CreateProjectBodySchema,
  ListOf,
  MemberSchema,
  MoveNamespaceBodySchema,
  NamespaceNameSchema,
  Permission,
  ProjectNamespaceSchema,
  ProjectSchema,
  UpdateProjectBodySchema,
} from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Principal } from '../../../plugins/app/auth/principal.ts';
import { commonErrors } from './error-responses.ts';

const errors = commonErrors;
const config = { permission: Permission.authenticated };
const clusterParams = Type.Object({ clusterId: Type.String({ minLength: 1, maxLength: 64 }) });
const projectParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 64 }) });
const memberId = Type.String({ minLength: 1, maxLength: 64 });

/** Projects, their namespaces, and members of clusters and projects. Rights are checked per object. */
const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/clusters/:clusterId/projects',
    {
      config,
      schema: {
        tags: ['projects'],
        summary: 'Projects of a cluster I may see',
        params: clusterParams,
        response: { 200: ListOf(ProjectSchema), ...errors },
      },
    },
    async (request) => ({ items: await app.projects.listProjects(request.principal!, request.params.clusterId) }),
  );

  app.post(
    '/clusters/:clusterId/projects',
    {
      config,
      schema: {
        tags: ['projects'],
        summary: 'Create a project; its creator becomes Project Owner',
        params: clusterParams,
        body: CreateProjectBodySchema,
        response: { 201: ProjectSchema, ...errors },
      },
    },
    async (request, reply) => {
      const project = await app.projects.createProject(request.principal!, request.params.clusterId, request.body);
      await app.audit(request, {
        action: 'project.create',
        target: { kind: 'project', id: project.id, name: project.name },
      });
      return reply.code(201).send(project);
    },
  );

  app.get(
    '/projects/:projectId',
    {
      config,
      schema: {
        tags: ['projects'],
        summary: 'One project',
        params: projectParams,
        response: { 200: ProjectSchema, ...errors },
      },
    },
    async (request) => app.projects.getProject(request.principal!, request.params.projectId),
  );

  app.patch(
    '/projects/:projectId',
    {
      config,
      schema: {
        tags: ['projects'],
        summary: 'Rename a project or change its description',
        params: projectParams,
        body: UpdateProjectBodySchema,
        response: { 200: ProjectSchema, ...errors },
      },
    },
    async (request) => {
      const project = await app.projects.updateProject(request.principal!, request.params.projectId, request.body);
      await app.audit(request, {
        action: 'project.update',
        target: { kind: 'project', id: project.id, name: project.name },
      });
      return project;
    },
  );

  app.delete(
    '/projects/:projectId',
    {
      config,
      schema: {
        tags: ['projects'],
        summary: 'Delete a project; its namespaces leave it unless deleteNamespaces=true',
        params: projectParams,
        querystring: Type.Object({ deleteNamespaces: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ namespaces: Type.Array(Type.String()), namespacesDeleted: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const result = await app.projects.deleteProject(request.principal!, request.params.projectId, {
        deleteNamespaces: request.query.deleteNamespaces === true,
      });
      await app.audit(request, {
        action: 'project.delete',
        target: { kind: 'project', id: request.params.projectId },
        details: result,
      });
      return result;
    },
  );

  app.get(
    '/projects/:projectId/namespaces',
    {
      config,
      schema: {
        tags: ['projects'],
        summary: 'Namespaces in a project',
        params: projectParams,
        response: { 200: ListOf(ProjectNamespaceSchema), ...errors },
      },
    },
    async (request) => ({ items: await app.projects.listNamespaces(request.principal!, request.params.projectId) }),
  );

  app.post(
    '/projects/:projectId/namespaces',
    {
      config,
      schema: {
        tags: ['projects'],
        summary: 'Create a namespace inside a project',
        params: projectParams,
        body: CreateNamespaceBodySchema,
        response: { 201: ProjectNamespaceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const namespace = await app.projects.createNamespace(
        request.principal!,
        request.params.projectId,
        request.body.name,
      );
      await app.audit(request, {
        action: 'namespace.create',
        target: { kind: 'namespace', name: namespace.name },
        details: { projectId: request.params.projectId },
      });
      return reply.code(201).send(namespace);
    },
  );

  app.put(
    '/clusters/:clusterId/namespaces/:namespace/project',
    {
      config,
      schema: {
        tags: ['projects'],
        summary: 'Move a namespace to another project (null: out of any); needs rights on both sides',
        params: Type.Object({
          clusterId: Type.String({ minLength: 1, maxLength: 64 }),
          namespace: NamespaceNameSchema,
        }),
        body: MoveNamespaceBodySchema,
        response: { 200: ProjectNamespaceSchema, ...errors },
      },
    },
    async (request) => {
      const { clusterId, namespace } = request.params;
      const moved = await app.projects.moveNamespace(request.principal!, clusterId, namespace, request.body.projectId);
      await app.audit(request, {
        action: 'namespace.move',
        target: { kind: 'namespace', name: namespace },
        details: { clusterId, projectId: request.body.projectId },
      });
      return moved;
    },
  );

  for (const scope of ['cluster', 'project'] as const) {
    const base = scope === 'cluster' ? '/clusters/:clusterId/members' : '/projects/:projectId/members';
    const params = scope === 'cluster' ? clusterParams : projectParams;
    const scopeOf = (principal: Principal, ids: { clusterId?: string; projectId?: string }) =>
      scope === 'cluster'
        ? app.members.scopeOfCluster(principal, ids.clusterId ?? '')
        : app.members.scopeOfProject(principal, ids.projectId ?? '');
    const targetOf = (ids: { clusterId?: string; projectId?: string }) => ({
      kind: scope,
      id: ids.clusterId ?? ids.projectId ?? null,
    });

    app.get(
      base,
      {
        config,
        schema: {
          tags: ['members'],
          summary: `Members of a ${scope}`,
          params,
          response: { 200: ListOf(MemberSchema), ...errors },
        },
      },
      async (request) => ({ items: await app.members.list(await scopeOf(request.principal!, request.params)) }),
    );

    app.post(
      base,
      {
        config,
        schema: {
          tags: ['members'],
          summary: `Give a user or group a ${scope} role`,
          params,
          body: AddMemberBodySchema,
          response: { 201: MemberSchema, ...errors },
        },
      },
      async (request, reply) => {
        const member = await app.members.add(
          request.principal!,
          await scopeOf(request.principal!, request.params),
          request.body,
        );
        await app.audit(request, {
          action: `${scope}-member.add`,
          target: targetOf(request.params),
          details: { subjectKind: member.subjectKind, subject: member.subjectName, role: member.roleTemplateId },
        });
        return reply.code(201).send(member);
      },
    );

    app.delete(
      `${base}/:memberId`,
      {
        config,
        schema: {
          tags: ['members'],
          summary: `Take a ${scope} role away`,
          params: Type.Object({ ...params.properties, memberId }),
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        // The schema is built per scope in this loop; TypeScript sees only what both scopes share.
        const ids = request.params as { clusterId?: string; projectId?: string; memberId: string };
        await app.members.remove(request.principal!, await scopeOf(request.principal!, ids), ids.memberId);
        await app.audit(request, {
          action: `${scope}-member.remove`,
          target: targetOf(ids),
          details: { memberId: ids.memberId },
        });
        return reply.code(204).send(null);
      },
    );
  }
};

export default projectRoutes;
