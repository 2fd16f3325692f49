import {
  ClusterSchema,
  ImportClusterBodySchema,
  KubeconfigDownloadSchema,
  ListOf,
  Permission,
  UpdateClusterBodySchema,
} from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { stringify } from 'yaml';
import { createApiToken } from '../../../plugins/app/auth/api-tokens.ts';
import { InputError } from '../../../errors.ts';
import { describeClusterError } from '../../../plugins/app/clusters/cluster-status.ts';
import { readSetting, serverUrlSetting } from '../../../plugins/app/auth/bootstrap.ts';
import { commonErrors } from './error-responses.ts';

const errors = commonErrors;
const params = Type.Object({ clusterId: Type.String({ minLength: 1, maxLength: 64 }) });
const authenticated = { permission: Permission.authenticated };
const kubeconfigTokenDays = 30;

const clusterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/clusters/import',
    {
      config: { permission: Permission.clustersImport },
      // The kubeconfig alone may be 1 MiB; leave room for the rest of the body around it.
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags: ['clusters'],
        summary: 'Import a cluster from a kubeconfig',
        description:
          'The kubeconfig is checked before it is parsed (no exec or auth-provider plugins, no file paths, no proxy-url, https only). By default Bokujo then creates its own ServiceAccount in the cluster and keeps only that credential.',
        body: ImportClusterBodySchema,
        response: { 201: ClusterSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      let cluster;
      try {
        cluster = await app.clusters.importCluster(request.body, principal);
      } catch (error) {
        await app.audit(request, {
          action: 'cluster.import',
          outcome: 'failure',
          target: { kind: 'cluster', name: request.body.name },
          details: { reason: error instanceof Error ? error.message : 'unknown' },
        });
        throw error;
      }
      try {
        await app.projects.createDefaultProjects(cluster.id);
      } catch (error) {
        // Nothing half-made stays: without its projects the cluster would be unmanageable.
        await app.clusters.deleteCluster(cluster.id, principal);
        const reason = describeClusterError(error, { server: cluster.server, action: 'label its namespaces' });
        throw new InputError(`Import failed while creating the Default and System projects: ${reason}`, [
          { field: '/body/kubeconfig', reason: `labelling the cluster's namespaces failed: ${reason}` },
        ]);
      }
      app.rbac.watch(cluster.id);
      void app.clusterMonitor.checkNow(cluster.id).catch(() => undefined);
      await app.audit(request, {
        action: 'cluster.import',
        target: { kind: 'cluster', id: cluster.id, name: cluster.name },
        details: { credentialKind: cluster.credentialKind, server: cluster.server },
      });
      return reply.code(201).send(cluster);
    },
  );

  app.get(
    '/clusters',
    {
      config: authenticated,
      schema: {
        tags: ['clusters'],
        summary: 'Clusters I may see',
        response: { 200: ListOf(ClusterSchema), ...errors },
      },
    },
    async (request) => ({ items: await app.clusters.listClusters(request.principal!) }),
  );

  app.get(
    '/clusters/:clusterId',
    {
      config: authenticated,
      schema: { tags: ['clusters'], summary: 'One cluster', params, response: { 200: ClusterSchema, ...errors } },
    },
    async (request) => app.clusters.getCluster(request.params.clusterId, request.principal!),
  );

  app.patch(
    '/clusters/:clusterId',
    {
      config: authenticated,
      schema: {
        tags: ['clusters'],
        summary: 'Rename a cluster or change its description and labels',
        params,
        body: UpdateClusterBodySchema,
        response: { 200: ClusterSchema, ...errors },
      },
    },
    async (request) => {
      const cluster = await app.clusters.updateCluster(request.params.clusterId, request.body, request.principal!);
      await app.audit(request, {
        action: 'cluster.update',
        target: { kind: 'cluster', id: cluster.id, name: cluster.name },
        details: { ...request.body },
      });
      return cluster;
    },
  );

  app.delete(
    '/clusters/:clusterId',
    {
      config: authenticated,
      schema: {
        tags: ['clusters'],
        summary: 'Forget a cluster, removing Bokujo’s service account from it when reachable',
        params,
        response: {
          200: Type.Object({ removedFromCluster: Type.Boolean(), reason: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { clusterId } = request.params;
      // Stop reconciling first, so that nothing recreates bindings while Bokujo leaves the cluster.
      await app.clusters.getCluster(clusterId, request.principal!);
      await app.rbac.unwatch(clusterId);
      let result;
      try {
        result = await app.clusters.deleteCluster(clusterId, request.principal!);
      } catch (error) {
        app.rbac.watch(clusterId);
        throw error;
      }
      await app.audit(request, {
        action: 'cluster.delete',
        target: { kind: 'cluster', id: clusterId },
        details: result,
      });
      return result;
    },
  );

  app.post(
    '/clusters/:clusterId/kubeconfig',
    {
      config: authenticated,
      schema: {
        tags: ['clusters'],
        summary: 'A kubeconfig that reaches the cluster through Bokujo with my permissions',
        description: `Creates an API token of the caller (valid ${kubeconfigTokenDays} days) and returns a kubeconfig whose server is Bokujo's proxy.`,
        params,
        response: {
          200: {
            description: 'The kubeconfig file (default), or it with its token id when JSON is asked for',
            content: {
              'application/yaml': { schema: Type.String() },
              'application/json': { schema: KubeconfigDownloadSchema },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const cluster = await app.clusters.getCluster(request.params.clusterId, principal);
      const baseUrl = (await readSetting(app.store, serverUrlSetting)) ?? `${request.protocol}://${request.host}`;
      const { token, secret } = await createApiToken(app.store, {
        userId: principal.userId,
        name: `kubeconfig for ${cluster.name}`,
        expiresInDays: kubeconfigTokenDays,
        clusterId: cluster.id,
        providerId: principal.providerId,
      });
      const kubeconfig = stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: cluster.name,
            cluster: {
              server: `${baseUrl}/k8s/clusters/${cluster.id}`,
              // Bokujo's own certificate is often self-signed; kubectl then trusts exactly it.
              ...(app.servingCertificate
                ? { 'certificate-authority-data': Buffer.from(app.servingCertificate).toString('base64') }
                : {}),
            },
          },
        ],
        users: [{ name: `${principal.username}@${cluster.name}`, user: { token: secret } }],
        contexts: [
          {
            name: cluster.name,
            context: { cluster: cluster.name, user: `${principal.username}@${cluster.name}` },
          },
        ],
        'current-context': cluster.name,
      });
      await app.audit(request, {
        action: 'kubeconfig.download',
        target: { kind: 'cluster', id: cluster.id, name: cluster.name },
        details: { tokenId: token.id },
      });
      // `curl … > config` gets the file itself; the SPA asks for JSON to learn the token id too.
      if (!(request.headers.accept ?? '').includes('application/json')) {
        return reply
          .type('application/yaml')
          .header('content-disposition', `attachment; filename="${cluster.name}.yaml"`)
          .send(kubeconfig);
      }
      return { kubeconfig, tokenId: token.id, expiresAt: token.expiresAt };
    },
  );
};

export default clusterRoutes;
