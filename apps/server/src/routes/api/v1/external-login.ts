import {
  AuthProviderIdSchema,
  ErrorResponseSchema,
  type ExternalLoginFailureReason,
  LdapLoginBodySchema,
  ListOf,
  LoginResponseSchema,
  Permission,
  PublicAuthProviderSchema,
} from '@bokujo/shared';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ForbiddenError, NotFoundError, UnauthenticatedError, UpstreamError } from '../../../errors.ts';
import type { ExternalLoginResult, LoginPurpose } from '../../../plugins/app/auth-providers/auth-providers-service.ts';
import { ExternalLoginError } from '../../../plugins/app/auth-providers/external-person.ts';
import { deleteSession } from '../../../plugins/app/auth/sessions.ts';
import { findUserById, toMe } from '../../../plugins/app/auth/users.ts';
import { errorResponses } from './error-responses.ts';

export const loginFlowCookie = 'bokujo_login_flow';
const loginFlowPath = '/api/v1/auth/oidc';
const params = Type.Object({ providerId: AuthProviderIdSchema });
const errors = errorResponses(400, 401, 403, 404, 502);

/**
 * Binds an OIDC login to the browser that started it: the callback must come with this cookie,
 * so a code obtained by someone else cannot be planted in a victim's browser (login CSRF).
 */
export function setLoginFlowCookie(reply: FastifyReply, request: FastifyRequest, flowId: string) {
  reply.setCookie(loginFlowCookie, flowId, {
    path: loginFlowPath,
    httpOnly: true,
    // Lax: the callback is a top-level navigation from the provider, which Lax cookies follow.
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: 600,
  });
}

/** Logins through external providers: the login page's list, LDAP and OIDC. */
const externalLoginRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(rateLimit, { global: false });

  app.get(
    '/auth/providers',
    {
      config: { permission: Permission.public },
      schema: {
        tags: ['auth'],
        summary: 'The enabled login providers, for the login page',
        response: { 200: ListOf(PublicAuthProviderSchema) },
      },
    },
    async () => ({ items: await app.authProviders.listEnabled() }),
  );

  app.post(
    '/auth/ldap/:providerId/login',
    {
      config: {
        permission: Permission.public,
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (request) => `${request.ip}|${loginName(request.body)}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with a directory (LDAP / Active Directory) account',
        params,
        body: LdapLoginBodySchema,
        response: { 200: LoginResponseSchema, ...errors, 429: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { providerId } = request.params;
      let result: ExternalLoginResult;
      try {
        result = await app.authProviders.ldapLogin(providerId, request.body.username, request.body.password, {
          kind: 'login',
        });
      } catch (error) {
        await auditFailure(request, providerId, request.body.username, error);
        throw loginError(error, request);
      }
      return startSession(request, reply, result);
    },
  );

  app.get(
    '/auth/oidc/:providerId/start',
    {
      config: { permission: Permission.public, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Start an OIDC login: redirects to the identity provider',
        params,
        querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2048 })) }),
        response: { 302: Type.Null(), ...errors, 429: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { providerId } = request.params;
      try {
        const returnTo = safeReturnPath(request.query.returnTo);
        const { url, flowId } = await app.authProviders.startOidc(providerId, { kind: 'login' }, returnTo);
        setLoginFlowCookie(reply, request, flowId);
        return reply.redirect(url, 302);
      } catch (error) {
        await auditFailure(request, providerId, undefined, error);
        if (!(error instanceof ExternalLoginError)) throw error;
        request.log.warn({ provider: providerId, reason: error.message }, 'OIDC login could not start');
        return reply.redirect(loginPageWithError(providerId, error), 302);
      }
    },
  );

  app.get(
    '/auth/oidc/:providerId/callback',
    {
      config: { permission: Permission.public, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Where the identity provider sends the browser back; ends on a page of the console',
        params,
        response: { 302: Type.Null(), ...errors, 429: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { providerId } = request.params;
      const flowId = request.cookies[loginFlowCookie];
      reply.clearCookie(loginFlowCookie, { path: loginFlowPath });
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      let purpose: LoginPurpose = { kind: 'login' };
      let result: ExternalLoginResult;
      try {
        const flow = await app.authProviders.takeOidcFlow(providerId, flowId);
        purpose = flow.purpose;
        result = await app.authProviders.finishOidc(providerId, flow, query);
      } catch (error) {
        if (purpose.kind === 'test') await auditTestFailure(request, providerId, error);
        else await auditFailure(request, providerId, undefined, error);
        if (!(error instanceof ExternalLoginError) && !(error instanceof Error && 'statusCode' in error)) throw error;
        const reason = (error as Error).message;
        if (purpose.kind === 'test') {
          // The Administrator is still signed in, so the login page would move on without a word:
          // the reason goes back to the page the test started from.
          request.log.warn({ provider: providerId, reason }, 'OIDC test login failed');
          const page = new URLSearchParams({ testFailed: providerId, error: failureReason(error) });
          return reply.redirect(`/auth-providers?${page.toString()}`, 302);
        }
        request.log.warn({ provider: providerId, reason }, 'OIDC login failed');
        return reply.redirect(loginPageWithError(providerId, error), 302);
      }
      if (result.purpose.kind === 'test') {
        await app.audit(request, { action: 'auth-provider.test', target: { kind: 'auth-provider', id: providerId } });
        return reply.redirect(`/auth-providers?tested=${encodeURIComponent(providerId)}`, 302);
      }
      await startSession(request, reply, result);
      return reply.redirect(result.returnTo ?? '/', 302);
    },
  );

  app.post(
    '/auth/end-session',
    {
      config: { permission: Permission.authenticated, allowedBeforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: "Log out; for an OIDC session, also answers the provider's logout address",
        response: {
          200: Type.Object({ redirectUrl: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request, reply) => {
      const sessionId = request.principal?.sessionId;
      let redirectUrl: string | undefined;
      if (sessionId) {
        const session = await app.store
          .selectFrom('sessions')
          .select(['provider_id', 'upstream_tokens'])
          .where('id_hash', '=', sessionId)
          .executeTakeFirst();
        redirectUrl = session && (await app.authProviders.logoutUrl(session));
        await deleteSession(app.store, sessionId);
      }
      app.auth.clearSessionCookies(reply);
      await app.audit(request, { action: 'logout' });
      return { redirectUrl: redirectUrl ?? null };
    },
  );

  async function startSession(request: FastifyRequest, reply: FastifyReply, result: ExternalLoginResult) {
    await app.auth.startSession(reply, request, result.userId, {
      providerId: result.providerId,
      sealedTokens: result.sealedTokens,
      expiresAt: result.expiresAt,
    });
    const user = await findUserById(app.store, result.userId);
    if (!user) throw new NotFoundError('The user vanished');
    await app.audit(request, {
      action: 'login',
      target: { kind: 'user', id: user.id, name: user.username },
      details: { provider: result.providerId },
    });
    return { user: toMe(user, 'session', await app.access.globalPermissions(user.globalRoles)) };
  }

  async function auditTestFailure(request: FastifyRequest, providerId: string, error: unknown) {
    await app.audit(request, {
      action: 'auth-provider.test',
      outcome: 'failure',
      target: { kind: 'auth-provider', id: providerId },
      details: { reason: error instanceof Error ? error.message : 'failed' },
    });
  }

  async function auditFailure(
    request: FastifyRequest,
    providerId: string,
    username: string | undefined,
    error: unknown,
  ) {
    await app.audit(request, {
      action: 'login',
      outcome: 'failure',
      ...(username ? { actorName: username.slice(0, 256) } : {}),
      details: {
        provider: providerId,
        reason: error instanceof ExternalLoginError ? error.reason : error instanceof Error ? error.name : 'failed',
      },
    });
  }
};

/**
 * What a person logging in is told. A directory's configuration details (hosts, DNs) go to the
 * log, not to an anonymous caller; wrong credentials are one message whatever the cause.
 */
function loginError(error: unknown, request: FastifyRequest) {
  if (!(error instanceof ExternalLoginError)) return error;
  switch (error.reason) {
    case 'credentials':
      return new UnauthenticatedError('Wrong username or password');
    case 'forbidden':
    case 'disabled':
      return new ForbiddenError(error.message);
    case 'unreachable':
      request.log.warn({ reason: error.message }, 'login provider unreachable');
      return new UpstreamError('The login provider cannot be reached; try again later or ask your administrator');
    case 'misconfigured':
      request.log.error({ reason: error.message }, 'login provider misconfigured');
      return new UpstreamError('The login provider is not set up correctly; ask your administrator');
    default:
      return new UnauthenticatedError(error.message);
  }
}

/** A reason code the SPA translates; the detail stays in the server log. */
function failureReason(error: unknown): ExternalLoginFailureReason {
  return error instanceof ExternalLoginError
    ? error.reason
    : error instanceof Error && 'statusCode' in error
      ? 'conflict'
      : 'refused';
}

function loginPageWithError(providerId: string, error: unknown) {
  return `/login?${new URLSearchParams({ error: failureReason(error), provider: providerId }).toString()}`;
}

/** Only a path of this site: `//host` or `/\host` would leave it (open redirect). */
function safeReturnPath(value: string | undefined) {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value;
}

function loginName(body: unknown) {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 256) : '';
}

export default externalLoginRoutes;
