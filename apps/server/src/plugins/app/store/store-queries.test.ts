import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../../../test/each-store.ts';
import { AccessService } from '../access/access-service.ts';
import { queryAudit, recordAudit } from '../audit/audit-log.ts';
import { createApiToken, deleteApiToken, findLiveApiToken, listApiTokens } from '../auth/api-tokens.ts';
import { bootstrapAdmin, readSetting, writeSetting } from '../auth/bootstrap.ts';
import { hashSecret } from '../auth/credentials.ts';
import { createSession, deleteSessionsOfUser, findLiveSession } from '../auth/sessions.ts';
import { isUniqueViolation } from './store.ts';
import { createUser, findUserById, findUserByUsername, setLanguage, setPassword } from '../auth/users.ts';

// The store-level functions of users, sessions, API tokens, settings, audit and memberships, on
// both stores: what the routes build on, without a server around them.

const policy = { idleMs: 60 * 60_000, maxMs: 16 * 3_600_000 };
const silentLog = { info: () => {}, warn: () => {} } as unknown as FastifyBaseLogger;

describeEachStore('store queries', (store) => {
  it('lets replicas starting together on one empty store bootstrap a single admin', async () => {
    const location = await store.newLocation();
    const stores = await Promise.all([store.open(location), store.open(location), store.open(location)]);
    await Promise.all(
      stores.map((db) =>
        bootstrapAdmin(db, silentLog, { bootstrapPassword: 'bootstrap-password', setupUrl: 'http://x/setup' }),
      ),
    );
    expect(await stores[0].selectFrom('users').select('username').execute()).toEqual([{ username: 'admin' }]);
  });

  it('keeps users with their roles and refuses a taken username as a unique violation', async () => {
    const db = await store.open();
    await bootstrapAdmin(db, silentLog, { bootstrapPassword: 'bootstrap-password', setupUrl: 'http://x/setup' });
    await bootstrapAdmin(db, silentLog, { bootstrapPassword: 'other-password-1', setupUrl: 'http://x/setup' });
    const admin = await findUserByUsername(db, 'admin');
    expect(admin).toMatchObject({ must_change_password: 1, enabled: 1, globalRoles: ['admin'] });
    expect(await db.selectFrom('users').select('id').execute()).toHaveLength(1);

    const id = await createUser(db, {
      username: 'alice',
      displayName: 'Alice',
      password: 'alice-password-1',
      mustChangePassword: true,
      roles: ['user', 'user-base'],
    });
    // The routes answer 409 for a taken name; both stores' refusals read as a unique violation.
    const taken = await createUser(db, {
      username: 'alice',
      displayName: 'A',
      password: 'x-password-123',
      mustChangePassword: false,
      roles: [],
    }).catch((error: unknown) => error);
    expect(isUniqueViolation(taken)).toBe(true);
    const otherRefusal = await db
      .insertInto('settings')
      .values({ key: 'k', value: null as unknown as string })
      .execute()
      .catch((error: unknown) => error);
    expect(otherRefusal).toBeInstanceOf(Error);
    expect(isUniqueViolation(otherRefusal)).toBe(false);
    await setPassword(db, id, 'new-password-123');
    await setLanguage(db, id, 'ja');
    const alice = await findUserById(db, id);
    expect(alice).toMatchObject({ username: 'alice', must_change_password: 0, language: 'ja' });
    expect([...(alice?.globalRoles ?? [])].sort()).toEqual(['user', 'user-base']);
  });

  it('opens, refreshes and ends sessions', async () => {
    const db = await store.open();
    const userId = await createUser(db, {
      username: 'bob',
      displayName: 'Bob',
      password: 'bob-password-123',
      mustChangePassword: false,
      roles: [],
    });
    const first = await createSession(db, userId, policy, {
      providerId: 'corp',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const second = await createSession(db, userId, policy);
    const found = await findLiveSession(db, first.sessionId, policy);
    expect(found).toMatchObject({ user_id: userId, provider_id: 'corp' });
    expect(Date.parse(found?.upstream_expires_at ?? '')).toBeGreaterThan(Date.now());
    // An idle session is deleted when it is next presented.
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 2 * policy.idleMs).toISOString() })
      .where('id_hash', '=', hashSecret(second.sessionId))
      .execute();
    expect(await findLiveSession(db, second.sessionId, policy)).toBeUndefined();
    expect(await db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(1);
    await deleteSessionsOfUser(db, userId, hashSecret(first.sessionId));
    expect(await findLiveSession(db, first.sessionId, policy)).toBeDefined();
    await deleteSessionsOfUser(db, userId);
    expect(await findLiveSession(db, first.sessionId, policy)).toBeUndefined();
  });

  it('finds live API tokens, lists them newest first and deletes only the owner’s', async () => {
    const db = await store.open();
    const [owner, other] = await Promise.all(
      ['carol', 'dave'].map((username) =>
        createUser(db, {
          username,
          displayName: username,
          password: 'p-password-123',
          mustChangePassword: false,
          roles: [],
        }),
      ),
    );
    const older = await createApiToken(db, { userId: owner!, name: 'older' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await createApiToken(db, { userId: owner!, name: 'newer', expiresInDays: 1 });
    expect((await listApiTokens(db, owner!)).map((token) => token.name)).toEqual(['newer', 'older']);
    expect((await findLiveApiToken(db, older.secret))?.user_id).toBe(owner);
    const used = await db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', older.token.id)
      .executeTakeFirst();
    expect(Date.parse(used?.last_used_at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(await findLiveApiToken(db, `${older.secret}x`)).toBeUndefined();
    await db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', newer.token.id)
      .execute();
    expect(await findLiveApiToken(db, newer.secret)).toBeUndefined();
    expect(await deleteApiToken(db, other!, older.token.id)).toBe(false);
    expect(await deleteApiToken(db, owner!, older.token.id)).toBe(true);
    expect(await findLiveApiToken(db, older.secret)).toBeUndefined();
  });

  it('upserts settings', async () => {
    const db = await store.open();
    expect(await readSetting(db, 'server_url')).toBeUndefined();
    await writeSetting(db, 'server_url', 'https://one.example.test');
    await writeSetting(db, 'server_url', 'https://two.example.test');
    expect(await readSetting(db, 'server_url')).toBe('https://two.example.test');
  });

  it('records the audit log without secrets and filters it by actor, outcome and time', async () => {
    const db = await store.open();
    const request = (username: string) =>
      ({ ip: '127.0.0.1', principal: { userId: `u-${username}`, username } }) as unknown as FastifyRequest;
    await recordAudit(db, request('erin'), {
      action: 'user.create',
      target: { kind: 'user', id: 'u-x', name: 'x' },
      details: { username: 'x', password: 'hunter2' },
    });
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await recordAudit(db, request('frank'), { action: 'user.delete', outcome: 'failure' });
    const all = await queryAudit(db, {});
    expect(all.map((entry) => entry.action)).toEqual(['user.delete', 'user.create']);
    expect(all[1]?.details).toEqual({ username: 'x' });
    expect((await queryAudit(db, { actor: 'u-erin' })).map((entry) => entry.actorName)).toEqual(['erin']);
    expect((await queryAudit(db, { outcome: 'failure' })).map((entry) => entry.actorName)).toEqual(['frank']);
    expect((await queryAudit(db, { since: between })).map((entry) => entry.actorName)).toEqual(['frank']);
    expect((await queryAudit(db, { until: between })).map((entry) => entry.actorName)).toEqual(['erin']);
  });

  it('matches memberships by user id and by group', async () => {
    const db = await store.open();
    const time = new Date().toISOString();
    await db
      .insertInto('clusters')
      .values({
        id: 'c1',
        name: 'c1',
        description: '',
        labels: '{}',
        server: 'https://127.0.0.1:6443',
        ca_data: null,
        tls_server_name: null,
        insecure_skip_tls_verify: 0,
        credential: 'sealed',
        credential_kind: 'uploaded',
        kube_system_uid: 'uid-c1',
        owner_user_id: null,
        state: 'active',
        state_reason: null,
        version: null,
        provider: null,
        summary: null,
        last_checked_at: null,
        created_at: time,
        updated_at: time,
      })
      .execute();
    await db
      .insertInto('cluster_members')
      .values([
        {
          id: 'm1',
          cluster_id: 'c1',
          subject_kind: 'user',
          subject: 'u-gina',
          role_template_id: 'cluster-member',
          created_at: time,
        },
        {
          id: 'm2',
          cluster_id: 'c1',
          subject_kind: 'group',
          subject: 'ops',
          role_template_id: 'cluster-owner',
          created_at: time,
        },
      ])
      .execute();
    await expect(
      db
        .insertInto('cluster_members')
        .values({
          id: 'm3',
          cluster_id: 'c1',
          subject_kind: 'group',
          subject: 'ops',
          role_template_id: 'cluster-owner',
          created_at: time,
        })
        .execute(),
    ).rejects.toThrow(/unique/i);
    const access = new AccessService(db);
    const principal = (userId: string, groups: string[]) =>
      ({ userId, username: userId, groups, globalRoles: [], authenticatedBy: 'session' }) as never;
    expect(await access.clusterTemplateIds(principal('u-gina', []), 'c1')).toEqual(['cluster-member']);
    expect([...(await access.clusterTemplateIds(principal('u-gina', ['ops', 'dev']), 'c1'))].sort()).toEqual([
      'cluster-member',
      'cluster-owner',
    ]);
    expect(await access.clusterTemplateIds(principal('u-hank', ['dev']), 'c1')).toEqual([]);
  });
});
