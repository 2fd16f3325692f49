import { describe, expect, it } from 'vitest';
import { buildTestApp, setUpAdmin } from '../../../../test/build-test-app.ts';

describe('API tokens', () => {
  it('shows the secret once, authenticates as Bearer without CSRF, and stops at revocation', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: session.headers,
      payload: { name: 'ci', expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json<{ token: { id: string; expiresAt: string }; secret: string }>();
    expect(secret).toMatch(/^bokujo_[\w-]{43}$/);
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const listed = await app.inject({ url: '/api/v1/tokens', headers: session.headers });
    expect(listed.json()).toEqual({ items: [expect.objectContaining({ id: token.id, name: 'ci' })] });
    expect(listed.body).not.toContain(secret);
    const stored = await app.store.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    expect((await app.inject({ url: '/api/v1/me', headers: bearer })).json()).toMatchObject({
      username: 'admin',
      authenticatedBy: 'token',
    });
    const withoutCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer,
      payload: { name: 'b' },
    });
    expect(withoutCsrf.statusCode).toBe(201);

    const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: bearer });
    expect(revoked.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
  });

  it('refuses an expired token and a forged one', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const { secret } = (
      await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: session.headers, payload: { name: 'old' } })
    ).json<{ secret: string }>();
    await app.store
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(
      401,
    );
    const forged = `bokujo_${'A'.repeat(43)}`;
    expect((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(
      401,
    );
  });

  it("cannot revoke someone else's token or an unknown id", async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const response = await app.inject({ method: 'DELETE', url: '/api/v1/tokens/t-unknown', headers: session.headers });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('names the bad field of a token request', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: session.headers,
      payload: { name: '', expiresInDays: 0 },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ details: { field: string }[] }>().details.map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['/body/name', '/body/expiresInDays']));
  });
});

describe('restart', () => {
  it('keeps sessions and tokens', async () => {
    const first = await buildTestApp();
    const session = await setUpAdmin(first.app);
    const { secret } = (
      await first.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: session.headers,
        payload: { name: 'k' },
      })
    ).json<{ secret: string }>();
    await first.app.close();

    const second = await buildTestApp({ BOKUJO_DATA_DIR: first.dataDir });
    expect((await second.app.inject({ url: '/api/v1/me', headers: session.headers })).statusCode).toBe(200);
    expect(
      (await second.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } })).statusCode,
    ).toBe(200);
  });
});
