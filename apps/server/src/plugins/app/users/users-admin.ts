import type { CreateUserBody, ResetPasswordBody, UpdateUserBody, User } from '@bokujo/shared';
import { ConflictError, InputError, NotFoundError } from '../../../errors.ts';
import { hashPassword } from '../auth/credentials.ts';
import { createUser, findUserById, type UserWithRoles } from '../auth/users.ts';
import { now, type Store } from '../store/store.ts';

/** Administration of local users: the last Administrator can never be removed or locked out. */
export class UsersAdmin {
  readonly #db: Store;
  readonly #changed: (clusterId: string) => void;

  constructor(db: Store, changed: (clusterId: string) => void) {
    this.#db = db;
    this.#changed = changed;
  }

  async list(): Promise<User[]> {
    const users = await this.#db.selectFrom('users').selectAll().orderBy('username').execute();
    const roles = await this.#db.selectFrom('user_global_roles').selectAll().execute();
    return users.map((user) =>
      toUser({ ...user, globalRoles: roles.filter((role) => role.user_id === user.id).map((role) => role.role) }),
    );
  }

  async get(id: string): Promise<User> {
    return toUser(await this.#user(id));
  }

  async create(body: CreateUserBody): Promise<User> {
    await this.#assertRolesExist(body.globalRoles);
    const taken = await this.#db
      .selectFrom('users')
      .select('id')
      .where('username', '=', body.username)
      .executeTakeFirst();
    if (taken) {
      throw new ConflictError(`A user named "${body.username}" exists`, [
        { field: '/body/username', reason: 'is taken' },
      ]);
    }
    if (body.password.toLowerCase().includes(body.username)) {
      throw new InputError('The password must not contain the username', [
        { field: '/body/password', reason: 'must not contain the username' },
      ]);
    }
    const id = await createUser(this.#db, {
      username: body.username,
      displayName: body.displayName ?? body.username,
      password: body.password,
      mustChangePassword: body.mustChangePassword ?? true,
      roles: body.globalRoles,
    });
    return this.get(id);
  }

  /** Edits a user; disabling ends their sessions and revokes their API tokens at once. */
  async update(id: string, body: UpdateUserBody): Promise<User> {
    const user = await this.#user(id);
    if (body.globalRoles) await this.#assertRolesExist(body.globalRoles);
    const losesAdmin =
      user.globalRoles.includes('admin') &&
      (body.enabled === false || (body.globalRoles !== undefined && !body.globalRoles.includes('admin')));
    if (losesAdmin) await this.#assertNotLastAdmin(id, body.enabled === false ? 'disable' : 'demote');

    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
          updated_at: now(),
        })
        .where('id', '=', id)
        .execute();
      if (body.globalRoles) {
        await trx.deleteFrom('user_global_roles').where('user_id', '=', id).execute();
        await trx
          .insertInto('user_global_roles')
          .values(body.globalRoles.map((role) => ({ user_id: id, role })))
          .execute();
      }
      if (body.enabled === false) {
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        await trx.deleteFrom('api_tokens').where('user_id', '=', id).execute();
      }
    });
    // A disabled user holds no bindings in any cluster; enabling gives them back.
    if (body.enabled !== undefined)
      for (const clusterId of await this.#clustersWhereMember(id)) this.#changed(clusterId);
    return this.get(id);
  }

  /** Sets a new password (by default one the user must change at next login) and ends their sessions. */
  async resetPassword(id: string, body: ResetPasswordBody) {
    const user = await this.#user(id);
    if (body.newPassword.toLowerCase().includes(user.username)) {
      throw new InputError('The password must not contain the username', [
        { field: '/body/newPassword', reason: 'must not contain the username' },
      ]);
    }
    await this.#db
      .updateTable('users')
      .set({
        password_hash: await hashPassword(body.newPassword),
        must_change_password: body.mustChangePassword === false ? 0 : 1,
        updated_at: now(),
      })
      .where('id', '=', id)
      .execute();
    await this.#db.deleteFrom('sessions').where('user_id', '=', id).execute();
  }

  /** Deletes a user and every role they held; their Kubernetes bindings go with the next reconcile. */
  async delete(id: string) {
    const user = await this.#user(id);
    if (user.globalRoles.includes('admin')) await this.#assertNotLastAdmin(id, 'delete');
    const clusters = await this.#clustersWhereMember(id);
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('cluster_members').where('subject_kind', '=', 'user').where('subject', '=', id).execute();
      await trx.deleteFrom('project_members').where('subject_kind', '=', 'user').where('subject', '=', id).execute();
      await trx.deleteFrom('users').where('id', '=', id).execute();
    });
    for (const clusterId of clusters) this.#changed(clusterId);
    return user;
  }

  async #clustersWhereMember(userId: string) {
    const direct = await this.#db
      .selectFrom('cluster_members')
      .select('cluster_id')
      .where('subject_kind', '=', 'user')
      .where('subject', '=', userId)
      .execute();
    const viaProjects = await this.#db
      .selectFrom('project_members')
      .innerJoin('projects', 'projects.id', 'project_members.project_id')
      .select('projects.cluster_id')
      .where('project_members.subject_kind', '=', 'user')
      .where('project_members.subject', '=', userId)
      .execute();
    return new Set([...direct.map((row) => row.cluster_id), ...viaProjects.map((row) => row.cluster_id)]);
  }

  async #user(id: string): Promise<UserWithRoles> {
    const user = await findUserById(this.#db, id);
    if (!user) throw new NotFoundError(`No user ${id}`);
    return user;
  }

  async #assertRolesExist(roles: string[]) {
    const custom = await this.#db.selectFrom('global_roles').select('id').execute();
    const known = new Set(['admin', 'user', 'user-base', ...custom.map((role) => role.id)]);
    const unknown = roles.filter((role) => !known.has(role));
    if (unknown.length > 0) {
      throw new InputError(`No global role ${unknown.join(', ')}`, [
        { field: '/body/globalRoles', reason: `names unknown roles: ${unknown.join(', ')}` },
      ]);
    }
  }

  async #assertNotLastAdmin(id: string, action: 'disable' | 'demote' | 'delete') {
    const others = await this.#db
      .selectFrom('users')
      .innerJoin('user_global_roles', 'user_global_roles.user_id', 'users.id')
      .select('users.id')
      .where('user_global_roles.role', '=', 'admin')
      .where('users.enabled', '=', 1)
      .where('users.id', '!=', id)
      .executeTakeFirst();
    if (!others) {
      throw new ConflictError(`You cannot ${action} the last Administrator: Bokujo would have nobody to manage it`);
    }
  }
}

function toUser(user: UserWithRoles | (Omit<UserWithRoles, 'globalRoles'> & { globalRoles: string[] })): User {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    enabled: user.enabled === 1,
    globalRoles: user.globalRoles,
    mustChangePassword: user.must_change_password === 1,
    createdAt: user.created_at,
  };
}
