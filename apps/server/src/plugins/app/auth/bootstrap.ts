import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { isUniqueViolation, type Store } from '../store/store.ts';
import { createUser } from './users.ts';

export const serverUrlSetting = 'server_url';

/**
 * First run, as Rancher does it: an `admin` whose password is either given or generated and
 * printed once; that password only allows choosing a new one (and the server URL).
 */
export async function bootstrapAdmin(
  db: Store,
  log: FastifyBaseLogger,
  { bootstrapPassword, setupUrl }: { bootstrapPassword: string | undefined; setupUrl: string },
) {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const password = bootstrapPassword ?? randomBytes(15).toString('base64url');
  try {
    await createUser(db, {
      username: 'admin',
      displayName: 'Default Admin',
      password,
      mustChangePassword: true,
      roles: ['admin'],
    });
  } catch (error) {
    // Replicas starting together on one empty database: one of them creates the admin.
    if (isUniqueViolation(error)) return;
    throw error;
  }
  if (bootstrapPassword) {
    log.info({ setupUrl }, 'first run: log in as admin with BOKUJO_BOOTSTRAP_PASSWORD to finish the setup');
  } else {
    // The one place a secret is logged, by design: it is single-use and must be changed at login.
    log.warn({ setupUrl, bootstrapPassword: password }, 'first run: log in as admin with this bootstrap password');
  }
}

export async function readSetting(db: Store, key: string) {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Store, key: string, value: string) {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
    .execute();
}
