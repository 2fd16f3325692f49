import { DeployWorkloadBodySchema, DeployWorkloadResultSchema, NamespaceNameSchema, Permission } from '@bokujo/shared';
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
};

export default workloadRoutes;
