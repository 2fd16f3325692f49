import { workloadApiGroup, workloadKinds, workloadKindTraits, workloadObjectPath } from '@bokujo/shared';
import { ActionIcon, Menu, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import type { Access } from '@/lib/k8s/use-access-review';
import { useCan } from '@/lib/k8s/use-access-review';
import { usePatchWorkload } from '../api/patch-workload';
import type { WorkloadRef } from '../utils/workload-relations';
import { type MergePatch, pausePatch, redeployPatch, scalePatch } from '../utils/workload-patches';
import { DeleteWorkloadModal } from './delete-workload-modal';

/** An action Kubernetes refused, for the page to show above its content. */
export interface ActionFailure {
  title: string;
  message: string;
}

interface WorkloadActionsProps {
  clusterId: string;
  projectId: string;
  workload: WorkloadRef;
  onError: (failure: ActionFailure) => void;
  /** After a delete went through, e.g. to leave a detail page that has nothing left to show. */
  onDeleted?: () => void;
}

/** The ⋮ menu of a workload, in the list and on its page: only what the kind supports is offered. */
export function WorkloadActions({ clusterId, projectId, workload, onError, onDeleted }: WorkloadActionsProps) {
  const { t } = useTranslation('workloads');
  const { kind, object } = workload;
  const namespace = object.metadata.namespace ?? '';
  const name = object.metadata.name ?? '';
  const traits = workloadKindTraits[kind];
  const target = { group: workloadApiGroup(kind), resource: workloadKinds[kind].plural, namespace };
  // Asked per namespace and kind, not per object, so a list of many rows asks a few questions.
  const canPatch = useCan(clusterId, { verb: 'patch', ...target });
  const canCreate = useCan(clusterId, { verb: 'create', ...target });
  const canDelete = useCan(clusterId, { verb: 'delete', ...target });
  const patch = usePatchWorkload(clusterId);
  const [deleting, setDeleting] = useState(false);

  const terminating = object.metadata.deletionTimestamp !== undefined;
  const deniedReason = (access: Access, denied: string) =>
    access.allowed
      ? terminating
        ? t('actions.terminating')
        : undefined
      : access.isPending
        ? t('rbac.checking')
        : access.reason
          ? t('rbac.withReason', { message: denied, reason: access.reason })
          : denied;
  const changeBlocked = deniedReason(canPatch, t('rbac.cannotChange', { namespace }));
  const createBlocked = deniedReason(canCreate, t('rbac.cannotCreate', { namespace }));
  const deleteBlocked = deniedReason(canDelete, t('rbac.cannotDelete', { namespace }));

  function send(action: string, body: MergePatch) {
    patch.mutate(
      { kind, namespace, name, patch: body },
      {
        onError: (error) => onError({ title: t('actions.failed', { action, name }), message: error.message }),
      },
    );
  }

  const replicas = object.spec?.replicas ?? 1;
  const paused = traits.pauseField === 'paused' ? object.spec?.paused === true : object.spec?.suspend === true;
  const address = { namespace, kind, name };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={t('actions.menu', { name })}>
            <span aria-hidden="true">⋮</span>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown maw={320}>
          <LinkItem to={paths.workloadEdit.getHref(clusterId, projectId, address)} blocked={changeBlocked}>
            {t('actions.edit')}
          </LinkItem>
          <LinkItem to={paths.objectYaml.getHref(clusterId, workloadObjectPath(kind, namespace, name))}>
            {t('actions.editYaml')}
          </LinkItem>
          <LinkItem
            to={`${paths.workloadDeploy.getHref(clusterId, projectId)}?${new URLSearchParams({ from: `${namespace}/${kind}/${name}` })}`}
            blocked={createBlocked}
          >
            {t('actions.clone')}
          </LinkItem>
          {traits.redeployable && (
            <ActionItem blocked={changeBlocked} onClick={() => send(t('actions.redeploy'), redeployPatch(new Date()))}>
              {t('actions.redeploy')}
            </ActionItem>
          )}
          {traits.scalable && (
            <>
              <ActionItem blocked={changeBlocked} onClick={() => send(t('actions.scale'), scalePatch(replicas + 1))}>
                {t('actions.scaleUp', { from: replicas, to: replicas + 1 })}
              </ActionItem>
              <ActionItem
                blocked={changeBlocked ?? (replicas === 0 ? t('actions.noReplicas') : undefined)}
                onClick={() => send(t('actions.scale'), scalePatch(replicas - 1))}
              >
                {t('actions.scaleDown', { from: replicas, to: Math.max(0, replicas - 1) })}
              </ActionItem>
            </>
          )}
          {traits.pauseField && (
            <ActionItem
              blocked={changeBlocked}
              onClick={() => {
                const label = paused ? t(`actions.resume.${kind}`) : t(`actions.pause.${kind}`);
                const body = pausePatch(kind, !paused);
                if (body) send(label, body);
              }}
            >
              {paused ? t(`actions.resume.${kind}`) : t(`actions.pause.${kind}`)}
            </ActionItem>
          )}
          <Menu.Divider />
          <ActionItem color="red" blocked={deleteBlocked} onClick={() => setDeleting(true)}>
            {t('actions.delete')}
          </ActionItem>
        </Menu.Dropdown>
      </Menu>
      <DeleteWorkloadModal
        clusterId={clusterId}
        workload={deleting ? workload : undefined}
        onClose={() => setDeleting(false)}
        onDeleted={onDeleted}
      />
    </>
  );
}

/**
 * A menu entry that may be refused: greyed out with the reason under it, because a disabled item
 * gets no hover or focus and a tooltip would never be read.
 */
function ActionItem({
  blocked,
  onClick,
  color,
  children,
}: {
  blocked?: string;
  onClick: () => void;
  color?: string;
  children: ReactNode;
}) {
  return (
    <Menu.Item color={color} disabled={blocked !== undefined} onClick={onClick}>
      <Text size="sm">{children}</Text>
      {blocked && (
        <Text size="xs" c="dimmed">
          {blocked}
        </Text>
      )}
    </Menu.Item>
  );
}

function LinkItem({ to, blocked, children }: { to: string; blocked?: string; children: ReactNode }) {
  if (blocked) {
    return (
      <ActionItem blocked={blocked} onClick={() => undefined}>
        {children}
      </ActionItem>
    );
  }
  return (
    <Menu.Item component={Link} to={to}>
      <Text size="sm">{children}</Text>
    </Menu.Item>
  );
}
