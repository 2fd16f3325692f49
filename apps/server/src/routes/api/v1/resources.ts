import {
  type ResourceFilter,
  type ResourceList,
  ResourceListParamsSchema,
  ResourceListQuerySchema,
  ResourceListSchema,
  Permission,
} from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from './error-responses.ts';

const defaultLimit = 100;

/** Paged, filtered, sorted lists of the cached kinds, served only within what the caller may list. */
const resourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/clusters/:clusterId/resources/:resource',
    {
      config: { permission: Permission.authenticated },
      schema: {
        tags: ['resources'],
        summary: 'A page of a cached resource list',
        description:
          'Served from the server’s cache of the cluster (one watch per kind). Cluster-wide `list` rights show ' +
          'every row; otherwise name a `namespace` or `project` and only its namespaces the caller may list are ' +
          'served. `sort=age` puts the youngest first. `label` is a Kubernetes label selector.',
        params: ResourceListParamsSchema,
        querystring: ResourceListQuerySchema,
        response: { 200: ResourceListSchema, ...errorResponses(400, 401, 403, 404, 502) },
      },
    },
    async (request): Promise<ResourceList> => {
      const { clusterId, resource } = request.params;
      const { sort = 'name', offset = 0, limit = defaultLimit, ...rest } = request.query;
      const filter: ResourceFilter = rest;
      const view = await app.resourceCache.view({
        principal: request.principal!,
        clusterId,
        resource,
        filter,
        fieldPrefix: '/querystring',
      });
      const { items, total } = view.cache.query({
        sort,
        offset,
        limit,
        predicate: view.predicate,
        namespaces: view.namespaces,
        key: view.key,
      });
      return { items, total, offset, limit, resourceVersion: view.cache.resourceVersion };
    },
  );
};

export default resourceRoutes;
