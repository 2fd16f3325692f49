import { builtInRoleTemplates, type Member } from '@bokujo/shared';
import { describe, expect, it } from 'vitest';
import { can, projectRights, rightsFromMembers } from './scoped-rights';

const member = (subject: string, roleTemplateId: string, subjectKind: Member['subjectKind'] = 'user'): Member => ({
  id: `m-${subject}-${roleTemplateId}`,
  subjectKind,
  subject,
  subjectName: subject,
  roleTemplateId,
  createdAt: '2026-03-01T00:00:00.000Z',
});

describe('scoped rights', () => {
  it('adds up the permissions of the templates a person holds, and only theirs', () => {
    const members = [member('u-me', 'cluster-member'), member('u-other', 'cluster-owner')];
    const rights = rightsFromMembers(members, 'u-me', builtInRoleTemplates);
    expect(can(rights, 'projects:create')).toBe(true);
    expect(can(rights, 'members:manage')).toBe(false);
    expect(can(rightsFromMembers([], 'u-me', builtInRoleTemplates), 'projects:create')).toBe(false);
  });

  it('leaves the decision to the server when a group may hold a role', () => {
    const rights = rightsFromMembers([member('developers', 'project-owner', 'group')], 'u-me', builtInRoleTemplates);
    expect(rights).toBe('all');
  });

  it('lets a cluster role that manages all projects manage each project and its members', () => {
    const own = rightsFromMembers([member('u-me', 'project-member')], 'u-me', builtInRoleTemplates);
    expect(can(projectRights(own, new Set()), 'project:manage')).toBe(false);
    const withManageAll = projectRights(own, new Set(['projects:manage-all'] as const));
    expect(can(withManageAll, 'project:manage')).toBe(true);
    expect(can(withManageAll, 'members:manage')).toBe(true);
  });
});
