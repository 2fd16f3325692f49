import type { Me, Member } from '@bokujo/shared';
import { ActionIcon, Badge, Center, Group, Loader, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/confirm-modal';
import { useFormatters } from '@/lib/format';
import { useMembers } from '../api/get-members';
import type { MemberScope } from '../api/member-scope';
import { useRemoveMember } from '../api/remove-member';
import { useRoleLabels } from '../hooks/use-role-labels';
import { useScopedRights } from '../hooks/use-scoped-rights';
import { can } from '../utils/scoped-rights';
import { AddMemberModal } from './add-member-modal';
import { GuardedButton } from './guarded-button';
import { PageHeader } from '@/components/page-header';
import { RequestError } from './request-error';

interface MemberListProps {
  me: Me;
  clusterId: string;
  /** The project whose members these are; absent for the cluster's. */
  projectId?: string | undefined;
  /** The cluster's or project's name, for the title. */
  scopeName: string;
}

/** Members of a cluster or a project: who holds which role there, with add and remove. */
export function MemberList({ me, clusterId, projectId, scopeName }: MemberListProps) {
  const { t } = useTranslation('access');
  const format = useFormatters();
  const labels = useRoleLabels();
  const scope: MemberScope = projectId ? { kind: 'project', projectId } : { kind: 'cluster', clusterId };
  const members = useMembers(scope);
  const remove = useRemoveMember();
  const rights = useScopedRights(me, clusterId, projectId ? [projectId] : []);
  const mayManage = can(projectId ? rights.project(projectId) : rights.cluster, 'members:manage');
  const deniedReason = mayManage ? undefined : projectId ? t('members.denied.project') : t('members.denied.cluster');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member>();

  function closeRemove() {
    setRemoving(undefined);
    remove.reset();
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={
          projectId ? t('members.projectTitle', { name: scopeName }) : t('members.clusterTitle', { name: scopeName })
        }
        intro={projectId ? t('members.projectIntro') : t('members.clusterIntro')}
        actions={
          <GuardedButton deniedReason={deniedReason} onClick={() => setAdding(true)}>
            {t('members.add.open')}
          </GuardedButton>
        }
      />
      {members.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('members.loading')} />
        </Center>
      ) : members.isError ? (
        <RequestError error={members.error} title={t('members.failed')} onRetry={() => void members.refetch()} />
      ) : members.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {projectId ? t('members.emptyProject') : t('members.emptyCluster')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.column.member')}</Table.Th>
                <Table.Th>{t('members.column.role')}</Table.Th>
                <Table.Th>{t('members.column.added')}</Table.Th>
                <Table.Th w={56}>
                  <VisuallyHidden>{t('members.column.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((member) => {
                const role = labels.template(member.roleTemplateId);
                return (
                  <Table.Tr key={member.id}>
                    <Table.Td maw={360}>
                      <Group gap="xs" wrap="nowrap">
                        <Badge variant="outline" color="gray" style={{ flexShrink: 0 }}>
                          {member.subjectKind === 'user' ? t('members.kind.user') : t('members.kind.group')}
                        </Badge>
                        <Text fw={500} truncate>
                          {member.subjectName}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{role}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(member.createdAt)}</Table.Td>
                    <Table.Td>
                      <Tooltip label={deniedReason ?? t('members.remove.open')} multiline maw={320} withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          data-disabled={deniedReason ? true : undefined}
                          aria-disabled={deniedReason ? 'true' : undefined}
                          aria-label={t('members.remove.label', { name: member.subjectName, role })}
                          onClick={() => !deniedReason && setRemoving(member)}
                        >
                          <span aria-hidden="true">✕</span>
                        </ActionIcon>
                      </Tooltip>
                      <VisuallyHidden>{deniedReason}</VisuallyHidden>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddMemberModal me={me} scope={scope} opened={adding} onClose={() => setAdding(false)} />
      <ConfirmModal
        opened={removing !== undefined}
        title={t('members.remove.title', { name: removing?.subjectName ?? '' })}
        confirmLabel={t('members.remove.confirm')}
        danger
        pending={remove.isPending}
        error={remove.error}
        errorTitle={t('members.remove.failed')}
        onClose={closeRemove}
        onConfirm={() => removing && remove.mutate({ scope, memberId: removing.id }, { onSuccess: closeRemove })}
      >
        <Text size="sm">
          {t('members.remove.body', {
            name: removing?.subjectName ?? '',
            role: removing ? labels.template(removing.roleTemplateId) : '',
          })}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
