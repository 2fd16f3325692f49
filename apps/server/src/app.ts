import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import accessControlPlugin from './plugins/app/access/access-control-plugin.ts';
import accessPlugin from './plugins/app/access/access-plugin.ts';
import auditPlugin from './plugins/app/audit/audit-log.ts';
import authProvidersPlugin from './plugins/app/auth-providers/auth-providers-plugin.ts';
import authPlugin from './plugins/app/auth/auth-plugin.ts';
import { bootstrapAdmin } from './plugins/app/auth/bootstrap.ts';
import clustersPlugin from './plugins/app/clusters/clusters-plugin.ts';
import errorHandler from './plugins/app/error-handler.ts';
import leadershipPlugin from './plugins/app/leadership/leadership-plugin.ts';
import routePermissions, { markRoutesPublic } from './plugins/app/route-permissions.ts';
import storePlugin from './plugins/app/store/store-plugin.ts';
import kubeClient from './plugins/app/kube-proxy/kube-client-plugin.ts';
import resourceCachePlugin from './plugins/app/resource-cache/resource-cache-plugin.ts';
import kubeProxy from './plugins/app/kube-proxy/kube-proxy.ts';
import webApp from './plugins/app/web-app.ts';
import auditRoutes from './routes/api/v1/audit.ts';
import authProviderRoutes from './routes/api/v1/auth-providers.ts';
import authRoutes from './routes/api/v1/auth.ts';
import clusterRoutes from './routes/api/v1/clusters.ts';
import externalLoginRoutes from './routes/api/v1/external-login.ts';
import healthRoutes from './routes/api/v1/health.ts';
import projectRoutes from './routes/api/v1/projects.ts';
import roleRoutes from './routes/api/v1/roles.ts';
import storageRoutes from './routes/api/v1/storage.ts';
import tokenRoutes from './routes/api/v1/tokens.ts';
import userRoutes from './routes/api/v1/users.ts';
import workloadRoutes from './routes/api/v1/workloads.ts';
import resourceRoutes from './routes/api/v1/resources.ts';
import systemRoutes from './routes/api/v1/system.ts';
import watchRoutes from './routes/api/v1/watch.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** PEM of the certificate Bokujo serves https with (BOKUJO_TLS_CERT_FILE); undefined on plain http. */
    servingCertificate: string | undefined;
  }
}

const requestIdPattern = /^[\w.:-]{1,64}$/;

export async function buildApp(config: Config, logger: FastifyServerOptions['logger'] = false) {
  const app = Fastify({
    logger,
    // Keep an upstream proxy's id so one request can be followed across hops; otherwise make one.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    bodyLimit: 4 * 1024 * 1024,
    trustProxy: config.trustProxy,
    // https.Server is an http.Server to Node and to the typings, so plugins (the kube proxy's
    // `upgrade` listener included) work the same either way; null means plain http.
    https: config.tls ? { cert: config.tls.cert, key: config.tls.key } : null,
  })
    .withTypeProvider<TypeBoxTypeProvider>()
    .setValidatorCompiler(TypeBoxValidatorCompiler);

  app.decorate('servingCertificate', config.tls?.cert);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(routePermissions);
  await app.register(errorHandler);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The component library sets CSS variables in style attributes and one style element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP on loopback by default; HSTS belongs to the TLS terminator.
    strictTransportSecurity: false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Bokujo API', version: '1', description: "Bokujo's own API. Kubernetes calls go to /k8s." },
    },
  });
  await app.register(async (docs) => {
    markRoutesPublic(docs);
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  await app.register(storePlugin, {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    secretKey: config.secretKey,
  });
  await app.register(accessPlugin);
  await app.register(auditPlugin);
  await app.register(authProvidersPlugin, {
    fallbackServerUrl: `${config.tls ? 'https' : 'http'}://${config.host}:${config.port}`,
  });
  await app.register(authPlugin, { sessionPolicy: { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs } });
  await bootstrapAdmin(app.store, app.log, {
    bootstrapPassword: config.bootstrapPassword,
    setupUrl: `${config.tls ? 'https' : 'http'}://${config.host}:${config.port}/setup`,
  });

  // Before the plugins whose background work only the leading replica runs.
  await app.register(leadershipPlugin, { databaseUrl: config.databaseUrl });
  await app.register(clustersPlugin, { checkIntervalMs: config.clusterCheckIntervalMs });
  await app.register(accessControlPlugin, {});
  await app.register(kubeClient);
  await app.register(resourceCachePlugin, {});

  await app.register(healthRoutes, { prefix: '/api/v1' });
  await app.register(clusterRoutes, { prefix: '/api/v1' });
  await app.register(authRoutes, { prefix: '/api/v1' });
  await app.register(externalLoginRoutes, { prefix: '/api/v1' });
  await app.register(authProviderRoutes, { prefix: '/api/v1' });
  await app.register(tokenRoutes, { prefix: '/api/v1' });
  await app.register(projectRoutes, { prefix: '/api/v1' });
  await app.register(userRoutes, { prefix: '/api/v1' });
  await app.register(roleRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(storageRoutes, { prefix: '/api/v1' });
  await app.register(workloadRoutes, { prefix: '/api/v1' });
  await app.register(resourceRoutes, { prefix: '/api/v1' });
  await app.register(watchRoutes, { prefix: '/api/v1' });
  await app.register(systemRoutes, { prefix: '/api/v1' });
  await app.register(kubeProxy, {
    resolveConnection: (clusterId, principal) => app.clusters.connectionFor(clusterId, principal),
    authenticateUpgrade: (request) => app.auth.authenticateRaw(request),
  });
  await app.register(webApp, { webDir: config.webDir });
  return app;
}
