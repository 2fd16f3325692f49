import type { GlobalRole, Language, Me } from '@bokujo/shared';
import { now, type Store } from '../store/store.ts';
import type { UserRow } from '../store/schema.ts';
import { hashPassword, newId } from './credentials.ts';

export interface UserWithRoles extends UserRow {
  globalRoles: GlobalRole[];
}

export async function findUserByUsername(db: Store, username: string) {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return user && withRoles(db, user);
}

export async function findUserById(db: Store, id: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return user && withRoles(db, user);
}

async function withRoles(db: Store, user: UserRow): Promise<UserWithRoles> {
  const roles = await db.selectFrom('user_global_roles').select('role').where('user_id', '=', user.id).execute();
  return { ...user, globalRoles: roles.map((row) => row.role) };
}

export async function createUser(
  db: Store,
  input: { username: string; displayName: string; password: string; mustChangePassword: boolean; roles: GlobalRole[] },
) {
  const id = newId('u');
  const time = now();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        must_change_password: input.mustChangePassword ? 1 : 0,
        enabled: 1,
        created_at: time,
        updated_at: time,
      })
      .execute();
    if (input.roles.length > 0) {
      await trx
        .insertInto('user_global_roles')
        .values(input.roles.map((role) => ({ user_id: id, role })))
        .execute();
    }
  });
  return id;
}

export async function setPassword(db: Store, userId: string, password: string) {
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), must_change_password: 0, updated_at: now() })
    .where('id', '=', userId)
    .execute();
}

export function toMe(user: UserWithRoles, authenticatedBy: Me['authenticatedBy'], permissions: string[]): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    globalRoles: user.globalRoles,
    permissions,
    mustChangePassword: user.must_change_password === 1,
    authenticatedBy,
    language: isLanguage(user.language) ? user.language : null,
  };
}

const isLanguage = (value: string | null): value is Language => value === 'en' || value === 'ja';

export async function setLanguage(db: Store, userId: string, language: Language) {
  await db.updateTable('users').set({ language, updated_at: now() }).where('id', '=', userId).execute();
}
