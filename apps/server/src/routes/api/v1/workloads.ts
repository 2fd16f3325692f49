import {
  DeployWorkloadBodySchema,
  DeployWorkloadResultSchema,
  NamespaceNameSchema,
  Permission,
  workloadKinds,
  type WorkloadKind,
} from '@bokujo/shared';
import { InputError } from '../../../errors.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { deployWorkload } from '../../../plugins/app/workloads/deploy-workload.ts';
import { errorResponses } from './error-responses.ts';

const workloadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/clusters/:clusterId/namespaces/:namespace/workloads',
    {
      config: { permission: Permission.authenticated },
      schema: {
        tags: ['workloads'],
        summary: 'Deploy a workload with its new volume claims and Services, all or nothing',
        description:
          'Runs as the caller (Kubernetes RBAC and quota decide). Every object is dry-run first; if a create then fails, the objects created for the workload are deleted again, and any that could not be are named in the error.',
        params: Type.Object({
          clusterId: Type.String({ minLength: 1, maxLength: 64 }),
          namespace: NamespaceNameSchema,
        }),
        body: DeployWorkloadBodySchema,
        response: { 201: DeployWorkloadResultSchema, ...errorResponses(400, 401, 403, 404, 409, 502) },
      },
    },
    async (request, reply) => {
      const { clusterId, namespace } = request.params;
      const principal = request.principal!;
      const result = await deployWorkload(
        (kubeRequest) => app.kube.asPerson(clusterId, principal, kubeRequest),
        principal,
        namespace,
        request.body,
      );
      await app.audit(request, {
        action: 'workload.deploy',
        target: {
          kind: result.workload.kind.toLowerCase(),
          id: clusterId,
          name: `${namespace}/${result.workload.name}`,
        },
        details: {
          volumeClaims: result.volumeClaims.map((claim) => claim.name),
          services: result.services.map((service) => service.name),
        },
      });
      return reply.code(201).send(result);
    },
  );

  app.put(
    '/clusters/:clusterId/namespaces/:namespace/workloads/:kind/:name',
    {
      config: { permission: Permission.authenticated },
      schema: {
        tags: ['workloads'],
        summary: 'Change a workload, creating the new volume claims and Services it needs, all or nothing',
        description:
          'The workload is replaced (send its resourceVersion to be told of a concurrent change); new claims and Services are created first and removed again if the change is refused.',
        params: Type.Object({
          clusterId: Type.String({ minLength: 1, maxLength: 64 }),
          namespace: NamespaceNameSchema,
          kind: Type.Enum(Object.keys(workloadKinds) as WorkloadKind[]),
          name: Type.String({ minLength: 1, maxLength: 253 }),
        }),
        body: DeployWorkloadBodySchema,
        response: { 200: DeployWorkloadResultSchema, ...errorResponses(400, 401, 403, 404, 409, 502) },
      },
    },
    async (request) => {
      const { clusterId, namespace, kind, name } = request.params;
      const principal = request.principal!;
      if (request.body.workload.kind !== kind) {
        throw new InputError('The workload’s kind cannot change', [
          { field: '/body/workload/kind', reason: `must stay ${kind}` },
        ]);
      }
      const result = await deployWorkload(
        (kubeRequest) => app.kube.asPerson(clusterId, principal, kubeRequest),
        principal,
        namespace,
        request.body,
        { action: 'replace', name },
      );
      await app.audit(request, {
        action: 'workload.update',
        target: { kind: kind.toLowerCase(), id: clusterId, name: `${namespace}/${name}` },
        details: {
          volumeClaims: result.volumeClaims.map((claim) => claim.name),
          services: result.services.map((service) => service.name),
        },
      });
      return result;
    },
  );
};

export default workloadRoutes;
