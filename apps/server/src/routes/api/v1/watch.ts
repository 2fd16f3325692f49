import { Permission } from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ForbiddenError } from '../../../errors.ts';
import { isAllowedOrigin } from '../../../plugins/app/kube-proxy/upgrade-proxy.ts';
import { errorResponses } from './error-responses.ts';

/**
 * The live-update socket, one per browser tab: subscribe/unsubscribe messages in, `subscribed`,
 * `changes`, `resync` and `error` out (see WatchClientMessageSchema / WatchServerMessage).
 */
const watchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/watch',
    {
      websocket: true,
      config: { permission: Permission.authenticated },
      schema: {
        tags: ['resources'],
        summary: 'Websocket of live changes to cached resource lists',
        response: errorResponses(401, 403),
      },
      // A page of another site may open a websocket with the person's cookie (browsers send no
      // CSRF header on a handshake), so a browser's Origin must be Bokujo's own.
      // A refused handshake leaves the socket outside the HTTP server's keep-alive handling, where
      // nothing would ever close it; end it once the refusal is written.
      onResponse: async (request, reply) => {
        if (reply.statusCode >= 400) request.raw.socket.end();
      },
      preValidation: async (request) => {
        const origin = request.headers.origin;
        if (origin !== undefined && !isAllowedOrigin(origin, request.headers.host, [])) {
          throw new ForbiddenError('This page may not open the watch socket: its origin is not Bokujo');
        }
      },
    },
    (socket, request) => {
      app.resourceCache.hub.accept(socket, request.raw, request.principal!);
    },
  );
};

export default watchRoutes;
