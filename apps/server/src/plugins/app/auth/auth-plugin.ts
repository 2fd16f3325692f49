import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { type GlobalPermission, Permission } from '@bokujo/shared';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthenticatedError } from '../../../errors.ts';
import { externalGroupsOf } from '../auth-providers/auth-providers-plugin.ts';
import { findLiveApiToken } from './api-tokens.ts';
import type { Principal } from './principal.ts';
import {
  createSession,
  csrfMatches,
  deleteSession,
  findLiveSession,
  type SessionPolicy,
  type UpstreamSession,
} from './sessions.ts';
import { findUserById, type UserWithRoles } from './users.ts';

export const sessionCookie = 'bokujo_session';
export const csrfCookie = 'bokujo_csrf';
export const csrfHeader = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable while the person still has to replace an initial password (login, setup, logout). */
    allowedBeforePasswordChange?: boolean;
  }
  interface FastifyInstance {
    auth: {
      /** Who a raw request (e.g. a websocket upgrade) acts for; no CSRF check, no route rules. */
      authenticateRaw(request: IncomingMessage): Promise<Principal | undefined>;
      /** `upstream` ties the session to the external provider it came through. */
      startSession(
        reply: FastifyReply,
        request: FastifyRequest,
        userId: string,
        upstream?: UpstreamSession,
      ): Promise<void>;
      clearSessionCookies(reply: FastifyReply): void;
      sessionPolicy: SessionPolicy;
    };
  }
  interface FastifyRequest {
    /** The user row behind `principal`, loaded once per request. */
    user?: UserWithRoles;
    /** What the user's global roles grant. */
    globalPermissions?: GlobalPermission[];
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request (API token or session cookie) and enforces the route's declared
 * permission before its handler runs; session requests that change state must echo the CSRF token.
 */
export default fp(
  async function authPlugin(app: FastifyInstance, { sessionPolicy }: { sessionPolicy: SessionPolicy }) {
    await app.register(cookie);

    async function identify(headers: IncomingHttpHeaders) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
      if (bearer) {
        const token = await findLiveApiToken(app.store, bearer);
        const user = token && (await findUserById(app.store, token.user_id));
        if (!token || !user?.enabled) return undefined;
        // Disabling a provider deletes its tokens; this check also covers the moment in between.
        if (token.provider_id && !(await app.authProviders.isEnabled(token.provider_id))) return undefined;
        const groups = await externalGroupsOf(app.store, user.id, token.provider_id);
        const how = { via: 'token' as const, tokenId: token.id, ...providerOf(token) };
        return { user, session: undefined, principal: toPrincipal(user, how, groups) };
      }
      const sessionId = app.parseCookie(headers.cookie ?? '')[sessionCookie];
      if (!sessionId) return undefined;
      const session = await findLiveSession(app.store, sessionId, sessionPolicy);
      const user = session && (await findUserById(app.store, session.user_id));
      if (!session || !user?.enabled) return undefined;
      if (session.provider_id) {
        const stillValid =
          (await app.authProviders.isEnabled(session.provider_id)) &&
          // The provider's token ran out: refresh it, which also reads the groups again.
          (!session.upstream_expires_at ||
            Date.parse(session.upstream_expires_at) > Date.now() ||
            (await app.authProviders.refreshSession(session)));
        if (!stillValid) {
          await deleteSession(app.store, session.id_hash);
          return undefined;
        }
      }
      const groups = await externalGroupsOf(app.store, user.id, session.provider_id);
      const how = { via: 'session' as const, sessionId: session.id_hash, ...providerOf(session) };
      return { user, session, principal: toPrincipal(user, how, groups) };
    }

    app.decorate('auth', {
      sessionPolicy,
      async authenticateRaw(request: IncomingMessage) {
        const identity = await identify(request.headers);
        return identity && identity.user.must_change_password !== 1 ? identity.principal : undefined;
      },
      async startSession(reply: FastifyReply, request: FastifyRequest, userId: string, upstream?: UpstreamSession) {
        const { sessionId, csrfToken } = await createSession(app.store, userId, sessionPolicy, upstream);
        const common = {
          path: '/',
          sameSite: 'lax' as const,
          secure: request.protocol === 'https',
          maxAge: Math.floor(sessionPolicy.maxMs / 1000),
        };
        reply.setCookie(sessionCookie, sessionId, { ...common, httpOnly: true });
        // Readable by the SPA on purpose: it echoes the value in X-CSRF-Token, which a
        // cross-site page cannot read and therefore cannot send.
        reply.setCookie(csrfCookie, csrfToken, { ...common, httpOnly: false });
      },
      clearSessionCookies(reply: FastifyReply) {
        reply.clearCookie(sessionCookie, { path: '/' });
        reply.clearCookie(csrfCookie, { path: '/' });
      },
    });

    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      const permission = config.permission;
      if (!permission) return; // no route matched: the not-found handler answers

      const identity = await identify(request.headers);
      if (identity) {
        request.principal = identity.principal;
        request.user = identity.user;
        request.globalPermissions = await app.access.globalPermissions(identity.user.globalRoles);
      }
      if (permission === Permission.public) return;
      if (!identity) throw new UnauthenticatedError();

      if (identity.session && !safeMethods.has(request.method)) {
        if (!csrfMatches(identity.session, headerValue(request.headers[csrfHeader]))) {
          throw new ForbiddenError('The CSRF token is missing or wrong: send the bokujo_csrf cookie in X-CSRF-Token');
        }
      }
      if (identity.user.must_change_password === 1 && !config.allowedBeforePasswordChange) {
        throw new ForbiddenError('Set a new password first');
      }
      if (permission === Permission.authenticated) return;
      const allowed =
        permission === Permission.admin
          ? identity.principal.isAdmin
          : (request.globalPermissions ?? []).includes(permission);
      if (!allowed) throw new ForbiddenError(`This needs the permission ${permission}`);
    });
  },
  { name: 'auth', dependencies: ['store', 'access', 'auth-providers'] },
);

function headerValue(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}

function providerOf(row: { provider_id: string | null }) {
  return row.provider_id ? { providerId: row.provider_id } : {};
}

function toPrincipal(
  user: UserWithRoles,
  how: Pick<Principal, 'via' | 'sessionId' | 'tokenId' | 'providerId'>,
  externalGroups: string[],
): Principal {
  const isAdmin = user.globalRoles.includes('admin');
  return {
    userId: user.id,
    username: user.username,
    groups: [...(isAdmin ? ['admins'] : []), ...externalGroups],
    isAdmin,
    ...how,
  };
}
