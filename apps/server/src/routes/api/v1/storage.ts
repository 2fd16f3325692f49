import {
  DefaultStorageClassResultSchema,
  ErrorResponseSchema,
  Permission,
  SetDefaultStorageClassBodySchema,
} from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { setDefaultStorageClass } from '../../../plugins/app/storage/default-storage-class.ts';

const storageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/clusters/:clusterId/storage-classes/:name/default',
    {
      config: { permission: Permission.authenticated },
      schema: {
        tags: ['storage'],
        summary: 'Set a StorageClass as the cluster’s only default, or unset it',
        description:
          'Runs as the caller (Kubernetes RBAC decides). Clears the GA and beta default annotations of every other class, then marks this one; restores them if marking fails.',
        params: Type.Object({
          clusterId: Type.String({ minLength: 1, maxLength: 64 }),
          name: Type.String({ minLength: 1, maxLength: 253, pattern: '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$' }),
        }),
        body: SetDefaultStorageClassBodySchema,
        response: {
          200: DefaultStorageClassResultSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          403: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
          502: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const { clusterId, name } = request.params;
      const principal = request.principal!;
      const result = await setDefaultStorageClass(
        (kubeRequest) => app.kube.asPerson(clusterId, principal, kubeRequest),
        principal,
        name,
        request.body.default,
      );
      await app.audit(request, {
        action: request.body.default ? 'storage-class.set-default' : 'storage-class.unset-default',
        target: { kind: 'storage-class', id: clusterId, name },
        details: result,
      });
      return result;
    },
  );
};

export default storageRoutes;
