import {
  AuthProviderIdSchema,
  AuthProviderSchema,
  CreateAuthProviderBodySchema,
  ListOf,
  Permission,
  TestAuthProviderBodySchema,
  TestAuthProviderResponseSchema,
  UpdateAuthProviderBodySchema,
} from '@bokujo/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { InputError, UpstreamError } from '../../../errors.ts';
import { ExternalLoginError } from '../../../plugins/app/auth-providers/external-person.ts';
import { commonErrors, errorResponses } from './error-responses.ts';
import { setLoginFlowCookie } from './external-login.ts';

const config = { permission: Permission.settingsManage };
const params = Type.Object({ providerId: AuthProviderIdSchema });

/** Administration of the external login providers; secrets are accepted but never returned. */
const authProviderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth-providers',
    {
      config,
      schema: {
        tags: ['auth-providers'],
        summary: 'All login providers besides local accounts',
        response: { 200: ListOf(AuthProviderSchema), ...commonErrors },
      },
    },
    async () => ({ items: await app.authProviders.list() }),
  );

  app.post(
    '/auth-providers',
    {
      config,
      schema: {
        tags: ['auth-providers'],
        summary: 'Add a provider (disabled until an Administrator tests it)',
        body: CreateAuthProviderBodySchema,
        response: { 201: AuthProviderSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const provider = await app.authProviders.create(request.body);
      await app.audit(request, {
        action: 'auth-provider.create',
        target: { kind: 'auth-provider', id: provider.id, name: provider.name },
      });
      return reply.code(201).send(provider);
    },
  );

  app.get(
    '/auth-providers/:providerId',
    {
      config,
      schema: {
        tags: ['auth-providers'],
        summary: 'One provider',
        params,
        response: { 200: AuthProviderSchema, ...commonErrors },
      },
    },
    async (request) => app.authProviders.get(request.params.providerId),
  );

  app.patch(
    '/auth-providers/:providerId',
    {
      config,
      schema: {
        tags: ['auth-providers'],
        summary: 'Change a provider; `enabled: false` disables it and revokes its sessions and tokens at once',
        params,
        body: UpdateAuthProviderBodySchema,
        response: { 200: AuthProviderSchema, ...commonErrors },
      },
    },
    async (request) => {
      const provider = await app.authProviders.update(request.params.providerId, request.body);
      await app.audit(request, {
        action: request.body.enabled === false ? 'auth-provider.disable' : 'auth-provider.update',
        target: { kind: 'auth-provider', id: provider.id, name: provider.name },
      });
      return provider;
    },
  );

  app.delete(
    '/auth-providers/:providerId',
    {
      config,
      schema: {
        tags: ['auth-providers'],
        summary: 'Remove a provider; its sessions and tokens are revoked',
        params,
        response: { 204: Type.Null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await app.authProviders.remove(request.params.providerId);
      await app.audit(request, {
        action: 'auth-provider.delete',
        target: { kind: 'auth-provider', id: request.params.providerId },
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth-providers/:providerId/test',
    {
      config,
      schema: {
        tags: ['auth-providers'],
        summary: 'Test and enable: log in through the provider once (OIDC: follow redirectUrl)',
        description:
          'LDAP: send your own directory username and password; on success the provider is enabled at once. OIDC: the answer holds the address to send the browser to; the provider is enabled when that login comes back. Either way your Bokujo account is linked to the person you log in as.',
        params,
        body: TestAuthProviderBodySchema,
        response: { 200: TestAuthProviderResponseSchema, ...commonErrors, ...errorResponses(502) },
      },
    },
    async (request, reply) => {
      const { providerId } = request.params;
      const provider = await app.authProviders.get(providerId);
      const purpose = { kind: 'test' as const, testerUserId: request.principal!.userId };
      try {
        if (provider.kind === 'oidc') {
          const { url, flowId } = await app.authProviders.startOidc(providerId, purpose, undefined);
          setLoginFlowCookie(reply, request, flowId);
          return { redirectUrl: url };
        }
        const { username, password } = request.body;
        if (!username || !password) {
          throw new InputError('Log in with your own directory account to test', [
            ...(username ? [] : [{ field: '/body/username', reason: 'is required for an LDAP test' }]),
            ...(password ? [] : [{ field: '/body/password', reason: 'is required for an LDAP test' }]),
          ]);
        }
        await app.authProviders.ldapLogin(providerId, username, password, purpose);
      } catch (error) {
        await app.audit(request, {
          action: 'auth-provider.test',
          outcome: 'failure',
          target: { kind: 'auth-provider', id: providerId },
          details: { reason: error instanceof Error ? error.message : 'failed' },
        });
        throw testError(error);
      }
      await app.audit(request, { action: 'auth-provider.test', target: { kind: 'auth-provider', id: providerId } });
      return { provider: await app.authProviders.get(providerId) };
    },
  );
};

/** For the Administrator testing: the full (secret-free) reason, as a field error where it fits. */
function testError(error: unknown) {
  if (!(error instanceof ExternalLoginError)) return error;
  if (error.reason === 'credentials') {
    return new InputError(error.message, [{ field: '/body/password', reason: 'was refused by the directory' }]);
  }
  if (error.reason === 'unreachable' || error.reason === 'misconfigured') return new UpstreamError(error.message);
  return new InputError(error.message);
}

export default authProviderRoutes;
