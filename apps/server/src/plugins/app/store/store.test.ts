import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../../../test/each-store.ts';
import { latestMigration, migrationLevel } from './store.ts';

describeEachStore('store', (store) => {
  it('migrates once, keeps data across reopen, and enforces foreign keys', async () => {
    const location = await store.newLocation();
    const first = await store.open(location);
    await first.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
    await first.destroy();

    const db = await store.open(location);
    expect(await db.selectFrom('settings').selectAll().execute()).toEqual([{ key: 'k', value: 'v' }]);
    expect(await migrationLevel(db)).toBe(latestMigration);
    if (store.kind === 'sqlite') {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
    }
    await expect(
      db
        .insertInto('sessions')
        .values({
          id_hash: 'h',
          user_id: 'no-such-user',
          csrf_token_hash: 'c',
          created_at: '',
          last_seen_at: '',
          expires_at: '',
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('migrates once when several servers open one empty store at the same moment', async () => {
    const location = await store.newLocation();
    const replicas = await Promise.all([1, 2, 3, 4].map(() => store.open(location)));
    for (const db of replicas) expect(await migrationLevel(db)).toBe(latestMigration);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(replicas[0]!);
    expect(applied.rows.map((row) => row.name).at(-1)).toBe(latestMigration);
    expect(new Set(applied.rows.map((row) => row.name)).size).toBe(applied.rows.length);
  });

  it('hands back integers, booleans and counts as numbers, and times as the ISO text written', async () => {
    const db = await store.open();
    const time = '2026-01-02T03:04:05.678Z';
    for (const [id, enabled] of [
      ['u1', true],
      ['u2', false],
    ] as const) {
      await db
        .insertInto('users')
        // Booleans from callers become the schema's 0/1 on both stores.
        .values({
          id,
          username: id,
          display_name: id,
          password_hash: null,
          must_change_password: 0,
          enabled: enabled as unknown as number,
          language: null,
          created_at: time,
          updated_at: time,
        })
        .execute();
    }
    const rows = await db.selectFrom('users').select(['id', 'enabled', 'created_at']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'u1', enabled: 1, created_at: time },
      { id: 'u2', enabled: 0, created_at: time },
    ]);
    const { count } = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(count).toBe(2);
    const later = await db
      .selectFrom('users')
      .select('id')
      .where('created_at', '>', '2026-01-01T00:00:00.000Z')
      .execute();
    expect(later).toHaveLength(2);
    const deleted = await db.deleteFrom('users').where('id', '=', 'u2').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(1n);
  });
});
