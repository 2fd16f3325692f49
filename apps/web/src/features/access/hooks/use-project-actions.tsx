import type { Project, ProjectNamespace } from '@bokujo/shared';
import { useState } from 'react';
import type { ScopedRights } from './use-scoped-rights';
import { can } from '../utils/scoped-rights';
import { CreateNamespaceModal } from '../components/create-namespace-modal';
import { DeleteProjectModal } from '../components/delete-project-modal';
import { MoveNamespaceModal } from '../components/move-namespace-modal';

/**
 * The dialogs a page about projects opens (new namespace, move, delete), shared by the
 * Projects/Namespaces page and a project's own page.
 */
export function useProjectActions(
  clusterId: string,
  projects: readonly Project[],
  rights: ScopedRights,
  { onDeleted }: { onDeleted?: () => void } = {},
) {
  const [creatingIn, setCreatingIn] = useState<Project>();
  const [moving, setMoving] = useState<ProjectNamespace>();
  const [deleting, setDeleting] = useState<{ project: Project; namespaceCount: number }>();
  const targets = projects.filter((project) => can(rights.project(project.id), 'project:manage'));

  return {
    startCreateNamespace: setCreatingIn,
    startMove: setMoving,
    startDelete: (project: Project, namespaceCount: number) => setDeleting({ project, namespaceCount }),
    modals: (
      <>
        <CreateNamespaceModal project={creatingIn} onClose={() => setCreatingIn(undefined)} />
        <MoveNamespaceModal
          clusterId={clusterId}
          namespace={moving}
          targets={targets}
          mayUnassign={can(rights.cluster, 'projects:manage-all')}
          onClose={() => setMoving(undefined)}
        />
        <DeleteProjectModal
          project={deleting?.project}
          namespaceCount={deleting?.namespaceCount ?? 0}
          onClose={() => setDeleting(undefined)}
          onDeleted={onDeleted}
        />
      </>
    ),
  };
}
