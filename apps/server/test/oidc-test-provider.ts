import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// oidc-provider ships no type declarations; the harness uses a small, explicit surface of it.
// @ts-expect-error -- untyped module
import OidcProviderModule from 'oidc-provider';
import { Agent, fetch as undiciFetch } from 'undici';
import { freePort } from './free-port.ts';
import { writeSelfSignedCertificate } from './self-signed-certificate.ts';

export interface OidcTestUser {
  password: string;
  name: string;
  groups: string[];
}

/** People of the test identity provider; `sub` is a fixed id distinct from the username. */
export const oidcUsers: Record<string, OidcTestUser & { sub: string }> = {
  erin: { sub: 'sub-erin-0001', password: 'erin-idp-password', name: 'Erin Admin', groups: ['bokujo-admins'] },
  frank: { sub: 'sub-frank-0002', password: 'frank-idp-password', name: 'Frank Developer', groups: ['team-a-devs'] },
  grace: { sub: 'sub-grace-0003', password: 'grace-idp-password', name: 'Grace Guest', groups: [] },
};

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** PEM of the provider's self-signed certificate, to trust as the CA. */
  caCertificate: string;
  /** Changes a person's groups at the provider; Bokujo sees them at the next login or refresh. */
  setGroups(username: string, groups: string[]): void;
  /**
   * Walks a browser's way from the authorization URL through the login form (and the consent,
   * granted at once) back to the relying party; returns the callback URL it was sent to.
   */
  signIn(authorizationUrl: string, username: string, password: string): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

interface ProviderApi {
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    request: IncomingMessage,
    response: ServerResponse,
    result: object,
    options?: object,
  ): Promise<void>;
  Grant: {
    new (options: { accountId: string; clientId: string }): GrantApi;
    find(id: string): Promise<GrantApi | undefined>;
  };
}
interface GrantApi {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}
interface InteractionDetails {
  uid: string;
  grantId?: string;
  prompt: { name: string; details: Record<string, unknown> };
  params: { client_id: string };
  session?: { accountId: string };
}

const Provider = OidcProviderModule as new (issuer: string, configuration: object) => ProviderApi;

/**
 * A real OpenID Provider (the `oidc-provider` package) on a loopback https port with its own
 * self-signed certificate, one confidential client for Bokujo, PKCE required, refresh tokens,
 * RP-initiated logout, and a plain HTML login form that a test or a browser can fill in.
 */
export async function startOidcTestProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}): Promise<OidcTestProvider> {
  const dir = await mkdtemp(join(tmpdir(), 'bokujo-oidc-'));
  const certificate = writeSelfSignedCertificate(dir, 'oidc');
  const port = await freePort();
  const issuer = `https://127.0.0.1:${port}`;
  const clientId = 'bokujo';
  const clientSecret = randomBytes(24).toString('base64url');
  const users = structuredClone(oidcUsers);
  const subjects = new Map(Object.entries(users).map(([username, user]) => [user.sub, username]));
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: {
      openid: ['sub'],
      // Keycloak-like: a groups mapper on the default profile scope, so no extra scope is needed.
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    findAccount: async (_context: unknown, sub: string) => {
      const username = subjects.get(sub);
      if (!username) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          name: users[username]!.name,
          preferred_username: username,
          email: `${username}@idp.example.test`,
          groups: users[username]!.groups,
        }),
      };
    },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_context: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // Keycloak-like: refresh tokens without the offline_access scope.
    issueRefreshToken: async (_context: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    ttl: { AccessToken: 300, IdToken: 300, RefreshToken: 3600, Session: 3600, Interaction: 600, Grant: 3600 },
  });
  const providerCallback = provider.callback();

  async function interaction(request: IncomingMessage, response: ServerResponse) {
    const details = await provider.interactionDetails(request, response);
    if (request.method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      const username = form.get('username') ?? '';
      const user = users[username];
      if (!user || user.password !== form.get('password')) {
        return sendForm(response, details.uid, 'Invalid username or password');
      }
      return provider.interactionFinished(
        request,
        response,
        { login: { accountId: user.sub } },
        {
          mergeWithLastSubmission: false,
        },
      );
    }
    if (details.prompt.name === 'login') return sendForm(response, details.uid);
    // Consent is granted at once: the provider's own consent screen is not what is under test.
    const accountId = details.session?.accountId ?? '';
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ??
        new provider.Grant({ accountId, clientId: details.params.client_id }))
      : new provider.Grant({ accountId, clientId: details.params.client_id });
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await grant.save();
    return provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  let server: Server | undefined;
  const start = async () => {
    const started = createServer(
      { cert: certificate.cert, key: await readFile(certificate.keyFile, 'utf8') },
      (request, response) => {
        if (request.url?.startsWith('/interaction/')) {
          interaction(request, response).catch((error: unknown) => {
            response.statusCode = 500;
            response.end(String(error));
          });
          return;
        }
        providerCallback(request, response);
      },
    );
    await new Promise<void>((listening) => started.listen(port, '127.0.0.1', listening));
    server = started;
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    running.closeAllConnections();
    await new Promise((closed) => running.close(closed));
  };
  await start();

  const agent = new Agent({ connect: { ca: certificate.cert } });
  return {
    issuer,
    clientId,
    clientSecret,
    caCertificate: certificate.cert,
    setGroups: (username, groups) => {
      users[username]!.groups = groups;
    },
    signIn: async (authorizationUrl, username, password) => {
      const cookies = new Map<string, string>();
      const redirectPrefixes = options.redirectUris.map((uri) => uri.split('?')[0]!);
      let url = authorizationUrl;
      let body: URLSearchParams | undefined;
      for (let step = 0; step < 20; step += 1) {
        const response = await undiciFetch(url, {
          method: body ? 'POST' : 'GET',
          redirect: 'manual',
          dispatcher: agent,
          headers: {
            cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(body ? { body: body.toString() } : {}),
        });
        for (const line of response.headers.getSetCookie()) {
          const [pair] = line.split(';');
          const [name, ...value] = pair!.split('=');
          cookies.set(name!.trim(), value.join('='));
        }
        const location = response.headers.get('location');
        if (location) {
          url = new URL(location, url).href;
          body = undefined;
          if (redirectPrefixes.some((prefix) => url.startsWith(prefix))) return url;
          continue;
        }
        const text = await response.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(text)?.[1];
        if (response.status !== 200 || !action || text.includes('Invalid username or password')) {
          throw new Error(`sign-in stopped at ${url}: ${response.status} ${text.slice(0, 200)}`);
        }
        url = new URL(action, url).href;
        body = new URLSearchParams({ username, password });
      }
      throw new Error('sign-in did not come back to the relying party');
    },
    stop,
    start,
    close: async () => {
      await stop();
      await agent.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function readBody(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendForm(response: ServerResponse, uid: string, error?: string) {
  response.statusCode = 200;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(`<!doctype html>
<html lang="en"><head><title>Test identity provider</title></head><body>
<h1>Test identity provider</h1>
${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form></body></html>`);
}
