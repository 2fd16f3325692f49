import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendNotFound } from './error-handler.ts';
import { markRoutesPublic } from './route-permissions.ts';

const apiPrefixes = ['/api/', '/k8s/'];

/**
 * Serves the built SPA, and its index.html for any other GET that asks for a page, so that deep
 * links such as /c/abc/storage load the app. API paths keep their JSON 404.
 */
export default async function webApp(app: FastifyInstance, { webDir }: { webDir: string }) {
  markRoutesPublic(app);
  const built = existsSync(join(webDir, 'index.html'));
  if (!built) app.log.warn({ webDir }, 'the SPA is not built; run `npm run build` (npm start does it)');

  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: true,
    index: ['index.html'],
    // Hashed asset names never change content; index.html must be revalidated to pick up releases.
    setHeaders(reply, path) {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !apiPrefixes.some((prefix) => request.url.startsWith(prefix)) &&
      (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && built) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendNotFound(request, reply);
  });
}
