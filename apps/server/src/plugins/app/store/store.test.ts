import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newDataDir } from '../../../../test/build-test-app.ts';
import { openSqliteStore } from './store.ts';

describe('SQLite store', () => {
  it('migrates once, keeps data across reopen, and enforces foreign keys in WAL mode', async () => {
    const dataDir = await newDataDir();
    const first = await openSqliteStore(dataDir);
    await first.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
    await first.destroy();

    const db = await openSqliteStore(dataDir);
    expect(await db.selectFrom('settings').selectAll().execute()).toEqual([{ key: 'k', value: 'v' }]);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
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
    ).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });
});
