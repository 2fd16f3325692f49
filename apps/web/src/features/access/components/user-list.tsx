import type { Me, User } from '@bokujo/shared';
import { ActionIcon, Badge, Center, Group, Loader, Menu, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/confirm-modal';
import { useFormatters } from '@/lib/format';
import { useUsers } from '../api/get-users';
import { useUpdateUser } from '../api/update-user';
import { useRoleLabels } from '../hooks/use-role-labels';
import { GuardedButton } from './guarded-button';
import { MenuAction } from './menu-action';
import { PageHeader } from '@/components/page-header';
import { RequestError } from './request-error';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormModal } from './user-form-modal';

/** The Users page: every local user, with create, edit, disable and password reset. */
export function UserList({ me }: { me: Me }) {
  const { t } = useTranslation('access');
  const format = useFormatters();
  const labels = useRoleLabels();
  const users = useUsers();
  const toggle = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User>();
  const [resetting, setResetting] = useState<User>();
  const [disabling, setDisabling] = useState<User>();
  const isAdmin = me.globalRoles.includes('admin');

  /** Mirrors the server: only an Administrator may change an Administrator; nobody locks themself out. */
  function deniedReason(user: User, action: 'edit' | 'disable') {
    if (!isAdmin && user.globalRoles.includes('admin')) return t('users.denied.admin');
    if (action === 'disable' && user.id === me.id) return t('users.denied.self');
    return undefined;
  }

  function closeDisable() {
    setDisabling(undefined);
    toggle.reset();
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro')}
        actions={<GuardedButton onClick={() => setCreating(true)}>{t('users.create.open')}</GuardedButton>}
      />
      {toggle.error && !disabling && <RequestError error={toggle.error} title={t('users.enable.failed')} />}
      {users.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('users.loading')} />
        </Center>
      ) : users.isError ? (
        <RequestError error={users.error} title={t('users.failed')} onRetry={() => void users.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={880}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.column.user')}</Table.Th>
                <Table.Th>{t('users.column.globalRoles')}</Table.Th>
                <Table.Th>{t('users.column.state')}</Table.Th>
                <Table.Th>{t('users.column.created')}</Table.Th>
                <Table.Th w={48}>
                  <VisuallyHidden>{t('users.column.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td maw={320}>
                    <Text fw={500} truncate>
                      {user.username}
                    </Text>
                    {user.displayName !== user.username && (
                      <Text size="xs" c="dimmed" truncate>
                        {user.displayName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {user.globalRoles.map((role) => (
                        <Badge key={role} variant="light" color={role === 'admin' ? 'grape' : 'gray'}>
                          {labels.globalRole(role)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={user.enabled ? 'teal' : 'gray'} variant={user.enabled ? 'light' : 'outline'}>
                        {user.enabled ? t('users.state.enabled') : t('users.state.disabled')}
                      </Badge>
                      {user.mustChangePassword && (
                        <Badge color="yellow" variant="outline">
                          {t('users.state.mustChangePassword')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(user.createdAt)}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('users.actionsFor', { username: user.username })}
                        >
                          <span aria-hidden="true">⋮</span>
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <MenuAction reason={deniedReason(user, 'edit')} onClick={() => setEditing(user)}>
                          {t('users.edit.open')}
                        </MenuAction>
                        <MenuAction reason={deniedReason(user, 'edit')} onClick={() => setResetting(user)}>
                          {t('users.reset.open')}
                        </MenuAction>
                        <Menu.Divider />
                        {user.enabled ? (
                          <MenuAction
                            reason={deniedReason(user, 'disable')}
                            color="red"
                            onClick={() => setDisabling(user)}
                          >
                            {t('users.disable.open')}
                          </MenuAction>
                        ) : (
                          <MenuAction
                            reason={deniedReason(user, 'edit')}
                            onClick={() => toggle.mutate({ userId: user.id, body: { enabled: true } })}
                          >
                            {t('users.enable.open')}
                          </MenuAction>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <UserFormModal opened={creating} onClose={() => setCreating(false)} />
      <UserFormModal user={editing} opened={editing !== undefined} onClose={() => setEditing(undefined)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />
      <ConfirmModal
        opened={disabling !== undefined}
        title={t('users.disable.title', { username: disabling?.username ?? '' })}
        confirmLabel={t('users.disable.confirm')}
        danger
        pending={toggle.isPending}
        error={toggle.error}
        errorTitle={t('users.disable.failed')}
        onClose={closeDisable}
        onConfirm={() =>
          disabling && toggle.mutate({ userId: disabling.id, body: { enabled: false } }, { onSuccess: closeDisable })
        }
      >
        <Text size="sm">{t('users.disable.body', { username: disabling?.username ?? '' })}</Text>
      </ConfirmModal>
    </Stack>
  );
}
