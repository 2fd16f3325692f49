import { randomBytes } from 'node:crypto';
import {
  type AddMemberBody,
  localGroupNamePattern,
  type Member,
  parseProviderGroup,
  type ProviderGroupProblem,
  providerGroupProblem,
} from '@bokujo/shared';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../errors.ts';
import type { AccessService } from '../access/access-service.ts';
import type { Principal } from '../auth/principal.ts';
import { isUniqueViolation, now, type Store } from '../store/store.ts';

type Scope = { kind: 'cluster'; clusterId: string } | { kind: 'project'; projectId: string; clusterId: string };

const groupProblemReasons: Record<ProviderGroupProblem, string> = {
  empty: 'needs a group name after the provider prefix',
  control: 'must not contain control characters',
  colon: 'must not start the group name with :',
  edgeSpace: 'must not start or end the group name with a space',
};

/**
 * Members of a cluster or a project: who holds which role template there. Each change is turned
 * into Kubernetes bindings by the RBAC reconciler of that cluster.
 */
export class MembersService {
  readonly #db: Store;
  readonly #access: AccessService;
  readonly #changed: (clusterId: string) => void;

  constructor(db: Store, access: AccessService, changed: (clusterId: string) => void) {
    this.#db = db;
    this.#access = access;
    this.#changed = changed;
  }

  async scopeOfCluster(principal: Principal, clusterId: string): Promise<Scope> {
    if (!(await this.#access.canSeeCluster(principal, clusterId))) throw new NotFoundError(`No cluster ${clusterId}`);
    return { kind: 'cluster', clusterId };
  }

  async scopeOfProject(principal: Principal, projectId: string): Promise<Scope> {
    const project = await this.#db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
    const visible = project && (await this.#access.visibleProjectIds(principal, project.cluster_id));
    if (!project || !visible || (visible !== 'all' && !visible.has(project.id))) {
      throw new NotFoundError(`No project ${projectId}`);
    }
    return { kind: 'project', projectId, clusterId: project.cluster_id };
  }

  async list(scope: Scope): Promise<Member[]> {
    const rows =
      scope.kind === 'cluster'
        ? await this.#db.selectFrom('cluster_members').selectAll().where('cluster_id', '=', scope.clusterId).execute()
        : await this.#db.selectFrom('project_members').selectAll().where('project_id', '=', scope.projectId).execute();
    const userIds = rows.filter((row) => row.subject_kind === 'user').map((row) => row.subject);
    const users = userIds.length
      ? await this.#db.selectFrom('users').select(['id', 'username']).where('id', 'in', userIds).execute()
      : [];
    const usernames = new Map(users.map((user) => [user.id, user.username]));
    return rows
      .map((row) => ({
        id: row.id,
        subjectKind: row.subject_kind as Member['subjectKind'],
        subject: row.subject,
        subjectName: row.subject_kind === 'user' ? (usernames.get(row.subject) ?? row.subject) : row.subject,
        roleTemplateId: row.role_template_id,
        createdAt: row.created_at,
      }))
      .sort((a, b) => a.subjectName.localeCompare(b.subjectName) || a.roleTemplateId.localeCompare(b.roleTemplateId));
  }

  /**
   * Grants a role. Only someone who may manage the scope's members can; holding a role is not
   * enough to hand out more of it (a Project Member cannot make themselves Owner).
   */
  async add(principal: Principal, scope: Scope, body: AddMemberBody): Promise<Member> {
    await this.#assertMayManage(principal, scope);
    const template = await this.#access.template(body.roleTemplateId);
    if (!template || template.context !== scope.kind) {
      throw new InputError(`No ${scope.kind} role ${body.roleTemplateId}`, [
        { field: '/body/roleTemplateId', reason: `is not a ${scope.kind} role template` },
      ]);
    }
    const subject = await this.#resolveSubject(body);
    const row = {
      id: `m-${randomBytes(6).toString('hex')}`,
      subject_kind: body.subjectKind,
      subject,
      role_template_id: template.id,
      created_at: now(),
    };
    try {
      if (scope.kind === 'cluster') {
        await this.#db
          .insertInto('cluster_members')
          .values({ ...row, cluster_id: scope.clusterId })
          .execute();
      } else {
        await this.#db
          .insertInto('project_members')
          .values({ ...row, project_id: scope.projectId })
          .execute();
      }
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('This member already holds this role', [
          { field: '/body/roleTemplateId', reason: 'is already granted to this member' },
        ]);
      }
      throw error;
    }
    this.#changed(scope.clusterId);
    const added = (await this.list(scope)).find((member) => member.id === row.id);
    if (!added) throw new NotFoundError('The member vanished');
    return added;
  }

  async remove(principal: Principal, scope: Scope, memberId: string) {
    await this.#assertMayManage(principal, scope);
    const result =
      scope.kind === 'cluster'
        ? await this.#db
            .deleteFrom('cluster_members')
            .where('id', '=', memberId)
            .where('cluster_id', '=', scope.clusterId)
            .executeTakeFirst()
        : await this.#db
            .deleteFrom('project_members')
            .where('id', '=', memberId)
            .where('project_id', '=', scope.projectId)
            .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new NotFoundError(`No member ${memberId}`);
    this.#changed(scope.clusterId);
  }

  async #assertMayManage(principal: Principal, scope: Scope) {
    const permissions =
      scope.kind === 'cluster'
        ? await this.#access.clusterPermissions(principal, scope.clusterId)
        : await this.#access.projectPermissions(principal, { id: scope.projectId, clusterId: scope.clusterId });
    if (!permissions.has('members:manage'))
      throw new ForbiddenError(`You may not manage the members of this ${scope.kind}`);
  }

  /**
   * Users are named by id or username. Groups are local names, or a provider's groups under its
   * prefix, named as the provider gives them: directory groups such as "Domain Admins" have spaces.
   */
  async #resolveSubject(body: AddMemberBody) {
    if (body.subjectKind === 'group') {
      const providerGroup = parseProviderGroup(body.subject);
      if (!providerGroup) {
        if (!localGroupNamePattern.test(body.subject)) {
          throw new InputError('That is not a group name', [
            {
              field: '/body/subject',
              reason: 'must be letters, digits and . _ @ : -, or a provider group such as ldap-corp:Domain Admins',
            },
          ]);
        }
        return body.subject;
      }
      const { kind, providerId, group } = providerGroup;
      const problem = providerGroupProblem(group);
      if (problem) {
        throw new InputError('That is not a group name', [
          { field: '/body/subject', reason: groupProblemReasons[problem] },
        ]);
      }
      const provider = await this.#db
        .selectFrom('auth_providers')
        .select('id')
        .where('id', '=', providerId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      // A typo in the prefix would grant a role to a group nobody can ever be in.
      if (!provider) {
        throw new InputError(`No ${kind} login provider ${providerId}`, [
          { field: '/body/subject', reason: `names no ${kind} login provider ${providerId}` },
        ]);
      }
      return body.subject;
    }
    const user = await this.#db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', body.subject), eb('username', '=', body.subject)]))
      .executeTakeFirst();
    if (!user) throw new InputError(`No user ${body.subject}`, [{ field: '/body/subject', reason: 'is not a user' }]);
    return user.id;
  }
}
