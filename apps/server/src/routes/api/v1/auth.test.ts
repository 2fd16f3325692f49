import { describe, expect, it } from 'vitest';
import { adminPassword, bootstrapPassword, buildTestApp, login, setUpAdmin } from '../../../../test/build-test-app.ts';

describe('first run', () => {
  it('lets the bootstrap admin do nothing but set a new password and the server URL', async () => {
    const { app } = await buildTestApp();
    expect((await app.inject({ url: '/api/v1/setup' })).json()).toEqual({ setupRequired: true, serverUrl: null });

    const { response, session } = await login(app, 'admin', bootstrapPassword);
    expect(response.json()).toMatchObject({
      user: { username: 'admin', mustChangePassword: true, globalRoles: ['admin'] },
    });
    const tokens = await app.inject({ url: '/api/v1/tokens', headers: session!.headers });
    expect(tokens.statusCode).toBe(403);
    expect(tokens.json()).toMatchObject({ message: 'Set a new password first' });

    const reused = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      headers: session!.headers,
      payload: { newPassword: bootstrapPassword, serverUrl: 'http://127.0.0.1:8080' },
    });
    expect(reused.json()).toMatchObject({ details: [{ field: '/body/newPassword' }] });

    const setup = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      headers: session!.headers,
      payload: { newPassword: adminPassword, serverUrl: 'http://127.0.0.1:8080/' },
    });
    expect(setup.statusCode).toBe(200);
    expect(setup.json()).toMatchObject({
      serverUrl: 'http://127.0.0.1:8080',
      user: { mustChangePassword: false },
      warnings: [expect.stringContaining('loopback'), expect.stringContaining('not https')] as unknown[],
    });
    expect((await app.inject({ url: '/api/v1/tokens', headers: session!.headers })).statusCode).toBe(200);

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      headers: session!.headers,
      payload: { newPassword: 'yet-another-passphrase', serverUrl: 'https://x.test' },
    });
    expect(again.statusCode).toBe(409);
    expect((await login(app, 'admin', bootstrapPassword)).response.statusCode).toBe(401);
    expect((await login(app, 'admin', adminPassword)).response.statusCode).toBe(200);
  });

  it('refuses a server URL that is not one, naming the field', async () => {
    const { app } = await buildTestApp();
    const { session } = await login(app, 'admin', bootstrapPassword);
    for (const serverUrl of ['not a url', 'ftp://x.test', 'https://user:pw@x.test', 'https://x.test/?a=b']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        headers: session!.headers,
        payload: { newPassword: adminPassword, serverUrl },
      });
      expect({ serverUrl, status: response.statusCode, body: response.json<unknown>() }).toMatchObject({
        serverUrl,
        status: 400,
        body: { details: [{ field: '/body/serverUrl' }] },
      });
    }
  });
});

describe('login', () => {
  it('gives one message for an unknown user and a wrong password', async () => {
    const { app } = await buildTestApp();
    const unknown = await login(app, 'nobody', 'whatever-password');
    const wrong = await login(app, 'admin', 'wrong-password-here');
    expect(unknown.response.statusCode).toBe(401);
    expect(wrong.response.statusCode).toBe(401);
    expect(unknown.response.json()).toEqual(wrong.response.json());
    expect(unknown.response.cookies).toEqual([]);
  });

  it('names the missing field of a malformed login', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: '/body/password' }] });
  });

  it('slows down guessing', async () => {
    const { app } = await buildTestApp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      statuses.push((await login(app, 'admin', `guess-number-${attempt}`)).response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('sets an HttpOnly session cookie and a script-readable CSRF cookie, both SameSite=Lax', async () => {
    const { app } = await buildTestApp();
    const { response } = await login(app, 'admin', bootstrapPassword);
    const byName = Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie]));
    expect(byName['bokujo_session']).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(byName['bokujo_csrf']).toMatchObject({ sameSite: 'Lax', path: '/' });
    expect(byName['bokujo_csrf']?.httpOnly).toBeFalsy();
  });
});

describe('sessions', () => {
  it('requires the CSRF header on state-changing session requests', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const withoutHeader = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: session.cookie },
      payload: { name: 'x' },
    });
    expect(withoutHeader.statusCode).toBe(403);
    expect(withoutHeader.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('CSRF') as unknown,
    });
    const wrongHeader = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
      payload: { name: 'x' },
    });
    expect(wrongHeader.statusCode).toBe(403);
    const withHeader = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: session.headers,
      payload: { name: 'x' },
    });
    expect(withHeader.statusCode).toBe(201);
  });

  it('ends at logout', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(logout.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
  });

  it('ends after the idle timeout', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const idleSince = new Date(Date.now() - 61 * 60_000).toISOString();
    await app.store.updateTable('sessions').set({ last_seen_at: idleSince }).execute();
    const response = await app.inject({ url: '/api/v1/me', headers: session.headers });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('ends at the absolute timeout however active it is', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    await app.store
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await app.inject({ url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
  });

  it('ends the other sessions on a password change, and refuses a wrong current password', async () => {
    const { app } = await buildTestApp();
    const first = await setUpAdmin(app);
    const second = (await login(app, 'admin', adminPassword)).session!;
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: first.headers,
      payload: { currentPassword: 'not-my-password', newPassword: 'a-brand-new-passphrase' },
    });
    expect(wrong.json()).toMatchObject({ statusCode: 400, details: [{ field: '/body/currentPassword' }] });
    const short = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: first.headers,
      payload: { currentPassword: adminPassword, newPassword: 'short' },
    });
    expect(short.json()).toMatchObject({ statusCode: 400, details: [{ field: '/body/newPassword' }] });
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: first.headers,
      payload: { currentPassword: adminPassword, newPassword: 'a-brand-new-passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: first.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/me', headers: second.headers })).statusCode).toBe(401);
  });
});

describe('preferences', () => {
  it('remembers the chosen language for the person in every session, and refuses one the console lacks', async () => {
    const { app } = await buildTestApp();
    const first = await setUpAdmin(app);
    expect((await app.inject({ url: '/api/v1/me', headers: first.headers })).json()).toMatchObject({ language: null });

    const chosen = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/preferences',
      headers: first.headers,
      payload: { language: 'ja' },
    });
    expect(chosen.json()).toMatchObject({ username: 'admin', language: 'ja' });

    const elsewhere = (await login(app, 'admin', adminPassword)).response.json<{ user: { language: string } }>();
    expect(elsewhere.user.language).toBe('ja');

    const unknown = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/preferences',
      headers: first.headers,
      payload: { language: 'fr' },
    });
    expect(unknown.json()).toMatchObject({ statusCode: 400, details: [{ field: '/body/language' }] });
    const withoutCsrf = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/preferences',
      headers: { cookie: first.headers.cookie },
      payload: { language: 'en' },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/me', headers: first.headers })).json()).toMatchObject({ language: 'ja' });
  });
});
