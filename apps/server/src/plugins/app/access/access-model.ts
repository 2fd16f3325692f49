import type { ClusterAccessModel, RbacSubject } from '../rbac/desired-rbac.ts';
import type { Store } from '../store/store.ts';
import type { AccessService } from './access-service.ts';

/** Everything that decides the bindings Bokujo keeps in one cluster. */
export async function loadAccessModel(
  db: Store,
  access: AccessService,
  clusterId: string,
): Promise<ClusterAccessModel> {
  const usernames = new Map(
    (await db.selectFrom('users').select(['id', 'username']).where('enabled', '=', 1).execute()).map((user) => [
      user.id,
      user.username,
    ]),
  );
  // Members who are disabled or gone hold nothing: their subject resolves to no one.
  const subjectOf = (kind: string, subject: string): RbacSubject | undefined => {
    if (kind === 'group') return { kind: 'group', name: subject };
    const username = usernames.get(subject);
    return username ? { kind: 'user', name: username } : undefined;
  };
  const clusterRows = await db.selectFrom('cluster_members').selectAll().where('cluster_id', '=', clusterId).execute();
  const projectRows = await db
    .selectFrom('project_members')
    .innerJoin('projects', 'projects.id', 'project_members.project_id')
    .select([
      'project_members.project_id',
      'project_members.subject_kind',
      'project_members.subject',
      'project_members.role_template_id',
    ])
    .where('projects.cluster_id', '=', clusterId)
    .execute();
  return {
    templates: await access.templates(),
    clusterMembers: clusterRows.flatMap((row) => {
      const subject = subjectOf(row.subject_kind, row.subject);
      return subject ? [{ subject, templateId: row.role_template_id }] : [];
    }),
    projectMembers: projectRows.flatMap((row) => {
      const subject = subjectOf(row.subject_kind, row.subject);
      return subject ? [{ projectId: row.project_id, subject, templateId: row.role_template_id }] : [];
    }),
  };
}
