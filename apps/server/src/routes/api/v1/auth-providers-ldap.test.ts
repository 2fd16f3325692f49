import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSharedTestApp, sessionFrom, setUpAdmin, type BrowserSession } from '../../../../test/build-test-app.ts';
import { ldapUsers, startLdapTestServer, type LdapTestServer } from '../../../../test/ldap-test-server.ts';

let app: FastifyInstance;
let closeApp: (() => Promise<void>) | undefined;
let admin: BrowserSession;
let directory: LdapTestServer;

function ldapSettings(overrides: Record<string, unknown> = {}) {
  return {
    flavour: 'openldap',
    host: directory.host,
    port: directory.port,
    security: 'starttls',
    caCertificate: directory.caCertificate,
    bindDn: directory.bindDn,
    bindPassword: directory.bindPassword,
    userSearchBase: `ou=people,${directory.baseDn}`,
    groupSearchBase: `ou=groups,${directory.baseDn}`,
    displayNameAttribute: 'displayName',
    nestedGroups: true,
    ...overrides,
  };
}

async function ldapLogin(providerId: string, username: string, password: string) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/auth/ldap/${providerId}/login`,
    payload: { username, password },
    // Each login its own address: the login rate limit is per address and username.
    remoteAddress: `127.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
}

async function createProvider(id: string, extra: Record<string, unknown> = {}) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/auth-providers',
    headers: admin.headers,
    payload: { id, kind: 'ldap', name: `Directory ${id}`, ldap: ldapSettings(), ...extra },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created;
}

async function testAndEnable(id: string) {
  const tested = await app.inject({
    method: 'POST',
    url: `/api/v1/auth-providers/${id}/test`,
    headers: admin.headers,
    payload: { username: 'carol', password: ldapUsers.carol.password },
  });
  expect(tested.statusCode, tested.body).toBe(200);
  return tested;
}

beforeAll(async () => {
  directory = await startLdapTestServer();
  ({ app, close: closeApp } = await buildSharedTestApp());
  admin = await setUpAdmin(app);
});

afterAll(async () => {
  await closeApp?.();
  await directory?.close();
});

describe('LDAP provider administration', () => {
  it('refuses bad settings field by field, never with a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth-providers',
      headers: admin.headers,
      payload: {
        id: 'bad',
        kind: 'ldap',
        name: 'Bad',
        ldap: ldapSettings({
          host: 'ldap://evil.example:389/',
          userSearchFilter: 'objectClass=person',
          caCertificate: 'not a certificate',
        }),
      },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ details: { field: string }[] }>().details.map((detail) => detail.field);
    expect(fields).toEqual(
      expect.arrayContaining(['/body/ldap/host', '/body/ldap/userSearchFilter', '/body/ldap/caCertificate']),
    );
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/auth-providers',
      headers: admin.headers,
      payload: { id: 'Bad Id', kind: 'ldap', name: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ details: { field: string }[] }>().details[0]?.field).toBe('/body/id');
  });

  it('keeps the bind password write-only and the provider off until tested', async () => {
    const created = await createProvider('dir-admin');
    expect(created.body).not.toContain(directory.bindPassword);
    expect(created.json()).toMatchObject({ enabled: false, testedAt: null, ldap: { hasBindPassword: true } });
    const listed = await app.inject({ method: 'GET', url: '/api/v1/auth-providers', headers: admin.headers });
    expect(listed.body).not.toContain(directory.bindPassword);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/providers' })).json()).toEqual({ items: [] });
    const refused = await ldapLogin('dir-admin', 'alice', ldapUsers.alice.password);
    expect(refused.statusCode).toBe(403);
    const enable = await app.inject({
      method: 'PATCH',
      url: '/api/v1/auth-providers/dir-admin',
      headers: admin.headers,
      payload: { enabled: true },
    });
    expect(enable.statusCode).toBe(400);
    expect(enable.json<{ details: { field: string }[] }>().details[0]?.field).toBe('/body/enabled');
  });

  it('enables the provider when the Administrator logs in through it, linking their account', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth-providers/dir-admin/test',
      headers: admin.headers,
      payload: { username: 'carol', password: 'not-carols-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ details: [{ field: '/body/password' }] });
    const tested = await testAndEnable('dir-admin');
    expect(tested.json()).toMatchObject({ provider: { enabled: true } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/providers' })).json()).toEqual({
      items: [{ id: 'dir-admin', kind: 'ldap', name: 'Directory dir-admin' }],
    });
    // Carol is now the Administrator's account at the directory.
    const carol = await ldapLogin('dir-admin', 'carol', ldapUsers.carol.password);
    expect(carol.statusCode).toBe(200);
    expect(carol.json()).toMatchObject({ user: { username: 'admin', globalRoles: ['admin'] } });
  });

  it('needs settings:manage for every administration route', async () => {
    const alice = await ldapLogin('dir-admin', 'alice', ldapUsers.alice.password);
    const session = sessionFrom(alice);
    for (const [method, url] of [
      ['GET', '/api/v1/auth-providers'],
      ['POST', '/api/v1/auth-providers'],
      ['PATCH', '/api/v1/auth-providers/dir-admin'],
      ['POST', '/api/v1/auth-providers/dir-admin/test'],
      ['DELETE', '/api/v1/auth-providers/dir-admin'],
    ] as const) {
      const response = await app.inject({ method, url, headers: session.headers, payload: {} });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });
});

describe('LDAP login', () => {
  it('makes a Bokujo user at first login, named by the directory and keyed by its entryUUID', async () => {
    const first = await ldapLogin('dir-admin', 'alice', ldapUsers.alice.password);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      user: { username: 'alice@dir-admin', displayName: 'Alice Developer', globalRoles: ['user-base'] },
    });
    const again = await ldapLogin('dir-admin', 'alice', ldapUsers.alice.password);
    expect(again.json<{ user: { id: string } }>().user.id).toBe(first.json<{ user: { id: string } }>().user.id);
    const identity = await app.store
      .selectFrom('external_identities')
      .selectAll()
      .where('login_name', '=', 'alice')
      .executeTakeFirstOrThrow();
    expect(identity.external_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(identity.groups)).toEqual(['developers', 'platform']);
  });

  it('refuses a wrong password, an unknown user and a locked account with one message', async () => {
    for (const [username, password] of [
      ['alice', 'not-alices-password'],
      ['mallory', 'whatever-password'],
      ['dave', ldapUsers.dave.password],
    ] as const) {
      const response = await ldapLogin('dir-admin', username, password);
      expect(response.statusCode, username).toBe(401);
      expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Wrong username or password' });
      expect(response.cookies).toEqual([]);
    }
  });

  it('does not let filter syntax in the username find someone else', async () => {
    for (const username of ['*', 'al*', '*)(uid=*', 'alice)(|(uid=*', 'x)(objectClass=*']) {
      const response = await ldapLogin('dir-admin', username, ldapUsers.alice.password);
      expect(response.statusCode, username).toBe(401);
      expect(response.cookies).toEqual([]);
    }
  });

  it('refuses a person whose Bokujo account is disabled, after a correct password', async () => {
    await ldapLogin('dir-admin', 'bob', ldapUsers.bob.password);
    const bob = await app.store
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'bob@dir-admin')
      .executeTakeFirstOrThrow();
    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${bob.id}`,
      headers: admin.headers,
      payload: { enabled: false },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const response = await ldapLogin('dir-admin', 'bob', ldapUsers.bob.password);
    expect(response.statusCode).toBe(403);
    expect(response.json<{ message: string }>().message).toBe('Your Bokujo account is disabled');
  });

  it('says the directory cannot be reached when it is down, without details or secrets', async () => {
    await directory.stop();
    try {
      const response = await ldapLogin('dir-admin', 'alice', ldapUsers.alice.password);
      expect(response.statusCode).toBe(502);
      expect(response.json<{ message: string }>().message).toBe(
        'The login provider cannot be reached; try again later or ask your administrator',
      );
      expect(response.body).not.toContain(directory.bindPassword);
    } finally {
      await directory.start();
    }
  });

  it('admits only listed users and groups in restricted mode', async () => {
    await createProvider('dir-restricted', { accessMode: 'restricted', allowedPrincipals: ['group:platform'] });
    await testAndEnable('dir-restricted');
    const provider = await app.inject({
      method: 'GET',
      url: '/api/v1/auth-providers/dir-restricted',
      headers: admin.headers,
    });
    // The tester was added so that they can log in through what they enabled.
    expect(provider.json()).toMatchObject({ allowedPrincipals: ['group:platform', 'user:carol'] });
    expect((await ldapLogin('dir-restricted', 'alice', ldapUsers.alice.password)).statusCode).toBe(200);
    const bob = await ldapLogin('dir-restricted', 'bob', ldapUsers.bob.password);
    expect(bob.statusCode).toBe(403);
    expect(bob.json<{ message: string }>().message).toMatch(/not allowed to log in/);
  });
});

describe('disabling a provider', () => {
  it('revokes its sessions and API tokens at once, and leaves local logins alone', async () => {
    await createProvider('dir-revoke');
    await testAndEnable('dir-revoke');
    const login = await ldapLogin('dir-revoke', 'alice', ldapUsers.alice.password);
    const session = sessionFrom(login);
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: session.headers,
      payload: { name: 'kubectl' },
    });
    expect(token.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${token.json<{ secret: string }>().secret}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(200);

    const disabled = await app.inject({
      method: 'PATCH',
      url: '/api/v1/auth-providers/dir-revoke',
      headers: admin.headers,
      payload: { enabled: false },
    });
    expect(disabled.json()).toMatchObject({ enabled: false });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
    const rows = await app.store
      .selectFrom('api_tokens')
      .select('id')
      .where('provider_id', '=', 'dir-revoke')
      .execute();
    expect(rows).toEqual([]);
    expect((await ldapLogin('dir-revoke', 'alice', ldapUsers.alice.password)).statusCode).toBe(403);
    // The Administrator's own session was local and goes on.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: admin.headers })).statusCode).toBe(200);
  });
});
