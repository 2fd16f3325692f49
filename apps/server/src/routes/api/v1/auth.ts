import {
  ChangePasswordBodySchema,
  CompleteSetupBodySchema,
  CompleteSetupResponseSchema,
  ErrorResponseSchema,
  LoginBodySchema,
  LoginResponseSchema,
  MeSchema,
  Permission,
  SetupStatusSchema,
  UpdatePreferencesBodySchema,
} from '@bokujo/shared';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ConflictError, ForbiddenError, InputError, UnauthenticatedError } from '../../../errors.ts';
import { readSetting, serverUrlSetting, writeSetting } from '../../../plugins/app/auth/bootstrap.ts';
import { verifyPassword } from '../../../plugins/app/auth/credentials.ts';
import { deleteSession, deleteSessionsOfUser } from '../../../plugins/app/auth/sessions.ts';
import { findUserByUsername, findUserById, setLanguage, setPassword, toMe } from '../../../plugins/app/auth/users.ts';
import { errorResponses } from './error-responses.ts';

const errors = errorResponses(400, 401, 403);
const wrongCredentials = 'Wrong username or password';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(rateLimit, { global: false });

  app.post(
    '/auth/login',
    {
      config: {
        permission: Permission.public,
        // Per address and per account: slows guessing one password and spraying many accounts.
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (request) => `${request.ip}|${loginName(request.body)}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with a local account',
        body: LoginBodySchema,
        response: { 200: LoginResponseSchema, ...errors, 429: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = await findUserByUsername(app.store, request.body.username.trim().toLowerCase());
      const passwordOk = await verifyPassword(user?.password_hash, request.body.password);
      // One message for unknown user, wrong password and disabled account: the answer must not
      // tell an attacker which usernames exist.
      if (!user || !passwordOk || user.enabled !== 1) {
        await app.audit(request, {
          action: 'login',
          outcome: 'failure',
          actorName: request.body.username.slice(0, 256),
          details: { reason: !user ? 'unknown user' : user.enabled !== 1 ? 'disabled' : 'wrong password' },
        });
        throw new UnauthenticatedError(wrongCredentials);
      }
      await app.auth.startSession(reply, request, user.id);
      await app.audit(request, { action: 'login', target: { kind: 'user', id: user.id, name: user.username } });
      return { user: toMe(user, 'session', await app.access.globalPermissions(user.globalRoles)) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: Permission.authenticated, allowedBeforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      if (request.principal?.sessionId) await deleteSession(app.store, request.principal.sessionId);
      app.auth.clearSessionCookies(reply);
      await app.audit(request, { action: 'logout' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { permission: Permission.authenticated, allowedBeforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'Who am I', response: { 200: MeSchema, ...errors } },
    },
    async (request) =>
      toMe(signedInUser(request.user), request.principal?.via ?? 'session', request.globalPermissions ?? []),
  );

  app.put(
    '/me/preferences',
    {
      config: { permission: Permission.authenticated, allowedBeforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Remember my console language across browsers',
        body: UpdatePreferencesBodySchema,
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => {
      const user = signedInUser(request.user);
      await setLanguage(app.store, user.id, request.body.language);
      return toMe(
        { ...user, language: request.body.language },
        request.principal?.via ?? 'session',
        request.globalPermissions ?? [],
      );
    },
  );

  app.put(
    '/me/password',
    {
      config: { permission: Permission.authenticated, allowedBeforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change my password; my other sessions end',
        body: ChangePasswordBodySchema,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request.user);
      if (!(await verifyPassword(user.password_hash, request.body.currentPassword))) {
        throw new InputError('The current password is wrong', [
          { field: '/body/currentPassword', reason: 'does not match' },
        ]);
      }
      assertNewPassword(user.username, request.body.currentPassword, request.body.newPassword);
      await setPassword(app.store, user.id, request.body.newPassword);
      await deleteSessionsOfUser(app.store, user.id, request.principal?.sessionId);
      await app.audit(request, {
        action: 'password.change',
        target: { kind: 'user', id: user.id, name: user.username },
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/setup',
    {
      config: { permission: Permission.public },
      schema: {
        tags: ['setup'],
        summary: 'Whether the first-run setup is still to do',
        response: { 200: SetupStatusSchema },
      },
    },
    async () => {
      const serverUrl = (await readSetting(app.store, serverUrlSetting)) ?? null;
      return { setupRequired: serverUrl === null, serverUrl };
    },
  );

  app.post(
    '/setup',
    {
      config: { permission: Permission.admin, allowedBeforePasswordChange: true },
      schema: {
        tags: ['setup'],
        summary: 'Finish the first run: replace the bootstrap password and set the server URL',
        body: CompleteSetupBodySchema,
        response: { 200: CompleteSetupResponseSchema, ...errors, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      if (await readSetting(app.store, serverUrlSetting)) throw new ConflictError('The setup is already complete');
      const user = signedInUser(request.user);
      const { serverUrl, warnings } = checkServerUrl(request.body.serverUrl);
      if (await verifyPassword(user.password_hash, request.body.newPassword)) {
        throw new InputError('Choose a password other than the bootstrap password', [
          { field: '/body/newPassword', reason: 'must differ from the bootstrap password' },
        ]);
      }
      assertNewPassword(user.username, '', request.body.newPassword);
      await setPassword(app.store, user.id, request.body.newPassword);
      await writeSetting(app.store, serverUrlSetting, serverUrl);
      const updated = await findUserById(app.store, user.id);
      await app.audit(request, { action: 'setup.complete', details: { serverUrl } });
      const refreshed = signedInUser(updated);
      return {
        user: toMe(refreshed, 'session', await app.access.globalPermissions(refreshed.globalRoles)),
        serverUrl,
        warnings,
      };
    },
  );
};

function loginName(body: unknown) {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 256) : '';
}

function signedInUser<T>(user: T | undefined): T {
  // The auth hook loads the user for every non-public route; its absence is a wiring bug.
  if (!user) throw new ForbiddenError('No signed-in user');
  return user;
}

function assertNewPassword(username: string, currentPassword: string, newPassword: string) {
  if (newPassword === currentPassword) {
    throw new InputError('The new password must differ from the current one', [
      { field: '/body/newPassword', reason: 'must differ from the current password' },
    ]);
  }
  if (newPassword.toLowerCase().includes(username.toLowerCase())) {
    throw new InputError('The new password must not contain the username', [
      { field: '/body/newPassword', reason: 'must not contain the username' },
    ]);
  }
}

/** The address people and kubeconfigs reach Bokujo by; loopback works only on this machine. */
export function checkServerUrl(text: string) {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('The server URL is not a URL', [{ field: '/body/serverUrl', reason: 'must be a URL' }]);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('The server URL must use https or http', [
      { field: '/body/serverUrl', reason: 'must start with https:// or http://' },
    ]);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError('The server URL must be a plain origin', [
      { field: '/body/serverUrl', reason: 'must not contain credentials, a query or a fragment' },
    ]);
  }
  const warnings: string[] = [];
  if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    warnings.push('The server URL is a loopback address: kubeconfigs and other machines cannot reach it');
  }
  if (url.protocol === 'http:') warnings.push('The server URL is not https: sessions and tokens travel in clear');
  return { serverUrl: url.origin + url.pathname.replace(/\/+$/, ''), warnings };
}

export default authRoutes;
