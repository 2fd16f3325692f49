import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../../test/each-store.ts';
import { AccessService } from '../access/access-service.ts';
import { createApiToken, findLiveApiToken } from '../auth/api-tokens.ts';
import { createUser, findUserByUsername } from '../auth/users.ts';
import { ClustersService } from '../clusters/clusters-service.ts';
import { backupStore, inspectBackup, restoreStore } from './backup.ts';
import { openSecretBox, type SecretBox } from './secret-box.ts';
import { latestMigration, migrationLevel, now, type Store, type StoreLocation } from './store.ts';

const run = promisify(execFile);
const serverDir = resolve(import.meta.dirname, '../../../..');

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'bokujo-backup-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A store with what a restore must keep: a person, an imported cluster's credential, an API token. */
async function fill(db: Store, box: SecretBox) {
  const userId = await createUser(db, {
    username: 'alice',
    displayName: 'Alice',
    password: 'alice-password-123',
    mustChangePassword: false,
    roles: ['user'],
  });
  const clusterId = 'c-backup';
  const token = `cluster-token-${randomBytes(8).toString('hex')}`;
  const time = now();
  await db
    .insertInto('clusters')
    .values({
      id: clusterId,
      name: 'backed-up',
      description: '',
      labels: '{}',
      server: 'https://127.0.0.1:6443',
      ca_data: null,
      tls_server_name: null,
      insecure_skip_tls_verify: 0,
      credential: box.seal(JSON.stringify({ kind: 'token', token }), `cluster:${clusterId}:credential`),
      credential_kind: 'uploaded',
      kube_system_uid: 'uid-1',
      owner_user_id: userId,
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
  const { secret } = await createApiToken(db, { userId, name: 'ci' });
  return { userId, clusterId, clusterToken: token, apiToken: secret };
}

describeEachStore('backup and restore', (store) => {
  const key = randomBytes(32);

  async function openWithKey(location: StoreLocation) {
    const db = await store.open(location);
    return { db, box: await openSecretBox(db, location.dataDir, key) };
  }

  it('keeps users, cluster credentials and API tokens in a fresh store', async () => {
    const source = await store.newLocation();
    const original = await openWithKey(source);
    const kept = await fill(original.db, original.box);
    const file = join(scratch, `${store.kind}-full.backup`);

    expect(await backupStore(source, file)).toEqual({ kind: store.kind, level: latestMigration });
    const target = await store.newLocation();
    expect(await restoreStore(target, file)).toMatchObject({ kind: store.kind, migratedTo: latestMigration });

    const restored = await openWithKey(target);
    expect(await migrationLevel(restored.db)).toBe(latestMigration);
    expect((await findUserByUsername(restored.db, 'alice'))?.globalRoles).toEqual(['user']);
    const clusters = new ClustersService(restored.db, restored.box, new AccessService(restored.db));
    expect((await clusters.connectionFor(kept.clusterId)).credential).toEqual({
      kind: 'token',
      token: kept.clusterToken,
    });
    expect((await findLiveApiToken(restored.db, kept.apiToken))?.user_id).toBe(kept.userId);
    // Without the key the restored secrets stay sealed, and the server says so at start.
    await expect(openSecretBox(restored.db, target.dataDir, randomBytes(32))).rejects.toThrow(
      /not the key this store was encrypted with/,
    );
  });

  it('refuses a target with data unless forced, a backup of newer code, and a file that is no backup', async () => {
    const source = await store.newLocation();
    const original = await openWithKey(source);
    await fill(original.db, original.box);
    const file = join(scratch, `${store.kind}-refusals.backup`);
    await backupStore(source, file);

    const target = await store.newLocation();
    const other = await openWithKey(target);
    await createUser(other.db, {
      username: 'bob',
      displayName: 'Bob',
      password: 'bob-password-1234',
      mustChangePassword: false,
      roles: [],
    });
    await other.db.destroy();
    await expect(restoreStore(target, file)).rejects.toThrow(/already holds a store .* restore with --force/);
    await restoreStore(target, file, { force: true });
    const replaced = await store.open(target);
    expect((await replaced.selectFrom('users').select('username').execute()).map((row) => row.username)).toEqual([
      'alice',
    ]);

    // A migration this code does not know yet, as a newer Bokujo would have left.
    await sql`insert into kysely_migration (name, timestamp) values ('9999-future', ${now()})`.execute(original.db);
    const newer = join(scratch, `${store.kind}-newer.backup`);
    await backupStore(source, newer);
    expect((await inspectBackup(newer)).level).toBe('9999-future');
    await expect(restoreStore(await store.newLocation(), newer)).rejects.toThrow(
      /made by a newer Bokujo \(store migration 9999-future; this one knows up to/,
    );

    const junk = join(scratch, 'junk.backup');
    await writeFile(junk, 'not a backup at all');
    await expect(restoreStore(await store.newLocation(), junk)).rejects.toThrow(/is not a Bokujo backup/);
  });

  it('runs as npm run backup / restore with the server environment', async () => {
    const source = await store.newLocation();
    const original = await openWithKey(source);
    const kept = await fill(original.db, original.box);
    const file = join(scratch, `${store.kind}-cli.backup`);
    const target = await store.newLocation();
    const environment = (location: StoreLocation) => ({
      ...process.env,
      BOKUJO_DATA_DIR: location.dataDir,
      BOKUJO_DATABASE_URL: location.databaseUrl ?? '',
      BOKUJO_SECRET_KEY: key.toString('base64'),
      INIT_CWD: scratch,
    });
    const cli = (args: string[], location: StoreLocation) =>
      run(process.execPath, ['src/plugins/app/store/backup-cli.ts', ...args], {
        cwd: serverDir,
        env: environment(location),
      });

    const backedUp = await cli(['backup', `${store.kind}-cli.backup`], source);
    expect(backedUp.stdout).toContain(`(migration ${latestMigration}) to ${file}`);
    const restored = await cli(['restore', file], target);
    expect(restored.stdout).toContain(`migrated to ${latestMigration}`);
    await expect(cli(['restore', file], target)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already holds a store/) as unknown,
    });
    const db = await store.open(target);
    expect((await findLiveApiToken(db, kept.apiToken))?.user_id).toBe(kept.userId);
  });
});

describeEachStore('backup while the server writes', (store) => {
  it('gives a consistent copy of one moment', async () => {
    const source = await store.newLocation();
    const db = await store.open(source);
    // Rows come in pairs, one transaction each: a torn copy would hold an odd count.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await db.transaction().execute(async (trx) => {
          for (const side of ['a', 'b']) {
            await trx
              .insertInto('settings')
              .values({ key: `k-${written}-${side}`, value: 'x'.repeat(2000) })
              .execute();
          }
        });
        written++;
        // node:sqlite answers synchronously: without a turn of the event loop the backups' timers never fire.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const files: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const file = join(scratch, `${store.kind}-live-${i}.backup`);
        await backupStore(source, file);
        files.push(file);
      }
    } finally {
      writing = false;
      await writer;
    }
    const counts: number[] = [];
    for (const file of files) {
      const target = await store.newLocation();
      await restoreStore(target, file);
      const copy = await store.open(target);
      const { count } = await copy
        .selectFrom('settings')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('key', 'like', 'k-%')
        .executeTakeFirstOrThrow();
      counts.push(count);
      if (store.kind === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(copy);
        expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
      }
    }
    expect(counts.every((count) => count % 2 === 0)).toBe(true);
    // Taken while the writer went on: each copy has rows, later copies no fewer than earlier ones.
    expect(counts[0]).toBeGreaterThan(0);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    expect(counts.at(-1)).toBeLessThanOrEqual(written * 2);
  });
});
