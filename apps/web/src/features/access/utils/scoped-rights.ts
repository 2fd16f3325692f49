import type { Member, RoleTemplate, ScopedPermission } from '@bokujo/shared';

/** What a person may do in one cluster or project; `all` when Bokujo cannot tell from here. */
export type Rights = ReadonlySet<ScopedPermission> | 'all';

export const can = (rights: Rights, permission: ScopedPermission) => rights === 'all' || rights.has(permission);

/**
 * The scoped permissions someone holds through the members list of a cluster or project, as the
 * server computes them (role templates → permissions). Group memberships count on the server,
 * but the SPA does not know the person's groups: with any group member present it answers `all`
 * and leaves the decision to the server, rather than hide an action the person may have.
 */
export function rightsFromMembers(
  members: readonly Member[],
  userId: string,
  templates: readonly RoleTemplate[],
): Rights {
  if (members.some((member) => member.subjectKind === 'group')) return 'all';
  const held = members.filter((member) => member.subject === userId).map((member) => member.roleTemplateId);
  return new Set(held.flatMap((id) => templates.find((template) => template.id === id)?.permissions ?? []));
}

/** A project's rights: its own roles, plus what a cluster role grants over every project. */
export function projectRights(own: Rights, cluster: Rights): Rights {
  if (own === 'all' || cluster === 'all') return 'all';
  const rights = new Set(own);
  if (cluster.has('projects:manage-all')) rights.add('project:manage').add('members:manage');
  return rights;
}
