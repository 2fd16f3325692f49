import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSharedTestApp, sessionFrom, setUpAdmin, type BrowserSession } from '../../../../test/build-test-app.ts';
import { freePort } from '../../../../test/free-port.ts';
import { oidcUsers, startOidcTestProvider, type OidcTestProvider } from '../../../../test/oidc-test-provider.ts';

const serverUrl = 'https://bokujo.example.test';
let app: FastifyInstance;
let closeApp: (() => Promise<void>) | undefined;
let admin: BrowserSession;
let idp: OidcTestProvider;

function flowCookie(response: LightMyRequestResponse) {
  const cookie = response.cookies.find((item) => item.name === 'bokujo_login_flow');
  if (!cookie) throw new Error(`no login flow cookie (${response.statusCode} ${response.body})`);
  return `bokujo_login_flow=${cookie.value}`;
}

/** The callback as the browser would call it: the path and query the provider redirected to. */
async function callback(callbackUrl: string, cookie: string | undefined) {
  const url = new URL(callbackUrl);
  return app.inject({ method: 'GET', url: url.pathname + url.search, headers: cookie ? { cookie } : {} });
}

/** A full browser login: start at Bokujo, sign in at the provider, come back. */
async function oidcLogin(username: string, returnTo = '/clusters') {
  const start = await app.inject({
    method: 'GET',
    url: `/api/v1/auth/oidc/idp/start?returnTo=${encodeURIComponent(returnTo)}`,
  });
  expect(start.statusCode, start.body).toBe(302);
  const callbackUrl = await idp.signIn(start.headers.location as string, username, oidcUsers[username]!.password);
  return callback(callbackUrl, flowCookie(start));
}

beforeAll(async () => {
  idp = await startOidcTestProvider({
    redirectUris: [`${serverUrl}/api/v1/auth/oidc/idp/callback`],
    postLogoutRedirectUris: [`${serverUrl}/login`],
  });
  ({ app, close: closeApp } = await buildSharedTestApp());
  admin = await setUpAdmin(app);
});

afterAll(async () => {
  await closeApp?.();
  await idp?.close();
});

describe('OIDC provider administration', () => {
  it('refuses an issuer that is not https, naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth-providers',
      headers: admin.headers,
      payload: {
        id: 'plain',
        kind: 'oidc',
        name: 'Plain',
        oidc: { issuer: 'http://idp.example.test?x=1', clientId: 'c', scopes: ['profile'] },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ details: { field: string }[] }>().details.map((detail) => detail.field)).toEqual([
      '/body/oidc/issuer',
      '/body/oidc/issuer',
      '/body/oidc/scopes',
    ]);
  });

  it('tests and enables through a real authorization-code login, never showing the client secret', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/auth-providers',
      headers: admin.headers,
      payload: {
        id: 'idp',
        kind: 'oidc',
        name: 'Test IdP',
        oidc: {
          preset: 'keycloak',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          caCertificate: idp.caCertificate,
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(idp.clientSecret);
    expect(created.json()).toMatchObject({
      enabled: false,
      oidc: { hasClientSecret: true, usernameClaim: 'preferred_username', groupsClaim: 'groups' },
    });

    const test = await app.inject({
      method: 'POST',
      url: '/api/v1/auth-providers/idp/test',
      headers: admin.headers,
      payload: {},
    });
    expect(test.statusCode, test.body).toBe(200);
    const redirectUrl = new URL(test.json<{ redirectUrl: string }>().redirectUrl);
    expect(redirectUrl.origin).toBe(idp.issuer);
    expect(redirectUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(redirectUrl.searchParams.get('state')).toBeTruthy();
    expect(redirectUrl.searchParams.get('nonce')).toBeTruthy();
    expect(redirectUrl.searchParams.get('redirect_uri')).toBe(`${serverUrl}/api/v1/auth/oidc/idp/callback`);

    const callbackUrl = await idp.signIn(redirectUrl.href, 'erin', oidcUsers['erin']!.password);
    const done = await callback(callbackUrl, flowCookie(test));
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/auth-providers?tested=idp');
    const provider = await app.inject({ method: 'GET', url: '/api/v1/auth-providers/idp', headers: admin.headers });
    expect(provider.json()).toMatchObject({ enabled: true });
    expect(provider.json<{ testedAt: string | null }>().testedAt).not.toBeNull();
  });

  it('sends a failed test back to the providers page with the reason, not to the login page', async () => {
    const startTest = async () => {
      const test = await app.inject({
        method: 'POST',
        url: '/api/v1/auth-providers/idp/test',
        headers: admin.headers,
        payload: {},
      });
      expect(test.statusCode, test.body).toBe(200);
      return { redirectUrl: test.json<{ redirectUrl: string }>().redirectUrl, cookie: flowCookie(test) };
    };

    // The Administrator is linked to Erin since the test above; logging in as Frank must fail.
    const asFrank = await startTest();
    const frankCallback = await idp.signIn(asFrank.redirectUrl, 'frank', oidcUsers['frank']!.password);
    const refused = await callback(frankCallback, asFrank.cookie);
    expect(refused.statusCode).toBe(302);
    expect(refused.headers.location).toBe('/auth-providers?testFailed=idp&error=conflict');
    expect(refused.cookies.some((cookie) => cookie.name === 'bokujo_session')).toBe(false);
    const frank = await app.store
      .selectFrom('external_identities')
      .select('user_id')
      .where('provider_id', '=', 'idp')
      .where('login_name', '=', 'frank')
      .executeTakeFirst();
    expect(frank).toBeUndefined();
    const audit = await app.store
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'auth-provider.test')
      .where('outcome', '=', 'failure')
      .where('target_id', '=', 'idp')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}') as { reason?: string }).toHaveProperty(
      'reason',
      'You are linked to another person at Test IdP; log in as that person to test',
    );

    const forged = await startTest();
    const forgedCallback = new URL(await idp.signIn(forged.redirectUrl, 'erin', oidcUsers['erin']!.password));
    forgedCallback.searchParams.set('state', 'forged-state');
    const forgedDone = await callback(forgedCallback.href, forged.cookie);
    expect(forgedDone.headers.location).toBe('/auth-providers?testFailed=idp&error=refused');

    // A failed test leaves the earlier, successful one in force.
    const provider = await app.inject({ method: 'GET', url: '/api/v1/auth-providers/idp', headers: admin.headers });
    expect(provider.json()).toMatchObject({ enabled: true });
  });
});

describe('OIDC login', () => {
  it('logs a new person in, keyed by sub, with the groups the provider sends', async () => {
    const done = await oidcLogin('frank');
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/clusters');
    const session = sessionFrom(done);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers });
    expect(me.json()).toMatchObject({ username: 'frank@idp', displayName: 'Frank Developer' });
    const identity = await app.store
      .selectFrom('external_identities')
      .selectAll()
      .where('provider_id', '=', 'idp')
      .where('login_name', '=', 'frank')
      .executeTakeFirstOrThrow();
    expect(identity.external_id).toBe('sub-frank-0002');
    expect(JSON.parse(identity.groups)).toEqual(['team-a-devs']);
    // The provider's tokens are kept sealed, never in clear.
    const row = await app.store
      .selectFrom('sessions')
      .select('upstream_tokens')
      .where('provider_id', '=', 'idp')
      .where('user_id', '=', identity.user_id)
      .executeTakeFirstOrThrow();
    expect(row.upstream_tokens).toMatch(/^v1\./);
  });

  it('logs the tester in as the Administrator it linked', async () => {
    const done = await oidcLogin('erin', '/');
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: sessionFrom(done).headers });
    expect(me.json()).toMatchObject({ username: 'admin', globalRoles: ['admin'] });
  });

  it('refuses a callback that did not start in this browser, or whose state is wrong', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/idp/start' });
    const callbackUrl = await idp.signIn(start.headers.location as string, 'frank', oidcUsers['frank']!.password);
    const withoutCookie = await callback(callbackUrl, undefined);
    expect(withoutCookie.statusCode).toBe(302);
    expect(withoutCookie.headers.location).toBe('/login?error=refused&provider=idp');
    expect(withoutCookie.cookies.some((cookie) => cookie.name === 'bokujo_session')).toBe(false);

    const second = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/idp/start' });
    const secondCallback = new URL(
      await idp.signIn(second.headers.location as string, 'frank', oidcUsers['frank']!.password),
    );
    secondCallback.searchParams.set('state', 'forged-state');
    const forged = await callback(secondCallback.href, flowCookie(second));
    expect(forged.headers.location).toBe('/login?error=refused&provider=idp');
    expect(forged.cookies.some((cookie) => cookie.name === 'bokujo_session')).toBe(false);
  });

  it('never sends the browser on to another site after login', async () => {
    const done = await oidcLogin('frank', '//evil.example.test/phish');
    expect(done.headers.location).toBe('/');
  });

  it('refreshes an expired provider token and reads the groups again; ends the session when it cannot', async () => {
    const session = sessionFrom(await oidcLogin('frank'));
    idp.setGroups('frank', ['team-b-devs']);
    await app.store
      .updateTable('sessions')
      .set({ upstream_expires_at: new Date(0).toISOString() })
      .execute();
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).statusCode).toBe(200);
    const identity = await app.store
      .selectFrom('external_identities')
      .select('groups')
      .where('external_id', '=', 'sub-frank-0002')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(identity.groups)).toEqual(['team-b-devs']);
    const refreshed = await app.store
      .selectFrom('sessions')
      .select('upstream_expires_at')
      .where('provider_id', '=', 'idp')
      .where('upstream_expires_at', '>', new Date().toISOString())
      .execute();
    expect(refreshed.length).toBeGreaterThan(0);

    // With the provider down, an expired session cannot be renewed and ends.
    await app.store
      .updateTable('sessions')
      .set({ upstream_expires_at: new Date(0).toISOString() })
      .execute();
    await idp.stop();
    try {
      expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
    } finally {
      await idp.start();
      idp.setGroups('frank', ['team-a-devs']);
    }
  });

  it('logs out at the provider too (RP-initiated logout)', async () => {
    const session = sessionFrom(await oidcLogin('frank'));
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/end-session', headers: session.headers });
    expect(out.statusCode, out.body).toBe(200);
    const redirectUrl = new URL(out.json<{ redirectUrl: string }>().redirectUrl);
    expect(redirectUrl.origin).toBe(idp.issuer);
    expect(redirectUrl.searchParams.get('id_token_hint')).toBeTruthy();
    expect(redirectUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${serverUrl}/login`);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
  });

  it('sends the browser back to the login page with a reason when the provider cannot be reached', async () => {
    const closedPort = await freePort();
    await app.store
      .insertInto('auth_providers')
      .values({
        id: 'idp-down',
        kind: 'oidc',
        name: 'Down',
        enabled: 1,
        access_mode: 'any',
        allowed_principals: '[]',
        settings: JSON.stringify({
          preset: 'generic',
          issuer: `https://127.0.0.1:${closedPort}`,
          clientId: 'x',
          scopes: ['openid'],
          usernameClaim: 'preferred_username',
          groupsClaim: 'groups',
          displayNameClaim: 'name',
          caCertificate: null,
          insecureSkipTlsVerify: false,
        }),
        secret: null,
        tested_at: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/idp-down/start' });
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/login?error=unreachable&provider=idp-down');
  });

  it('revokes OIDC sessions when the provider is disabled', async () => {
    const session = sessionFrom(await oidcLogin('frank'));
    const disabled = await app.inject({
      method: 'PATCH',
      url: '/api/v1/auth-providers/idp',
      headers: admin.headers,
      payload: { enabled: false },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/idp/start' });
    expect(start.headers.location).toBe('/login?error=disabled&provider=idp');
  });
});
