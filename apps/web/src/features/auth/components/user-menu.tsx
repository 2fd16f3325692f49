import type { Me } from '@bokujo/shared';
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { providerLogoutUrl, useLogout } from '../api/logout';
import { browserLocation } from '../utils/browser-location';

// The dialog (and the form's shared schemas) load when someone opens it, keeping the first page light.
const ChangePasswordDialog = lazy(() =>
  import('./change-password-dialog').then((module) => ({ default: module.ChangePasswordDialog })),
);

interface UserMenuProps {
  me: Me;
  onSignedOut: () => void;
}

export function UserMenu({ me, onSignedOut }: UserMenuProps) {
  const { t } = useTranslation('auth');
  const logout = useLogout();
  const [passwordOpen, passwordDialog] = useDisclosure(false);
  const name = me.displayName || me.username;

  return (
    <>
      <Menu position="bottom-end" width={240} withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('userMenu.label', { name })}>
            <Group gap="xs" wrap="nowrap">
              <Avatar size="sm" color="teal" radius="xl" alt="">
                {initials(name)}
              </Avatar>
              <Text size="sm" fw={500} maw={160} truncate visibleFrom="lg">
                {name}
              </Text>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('userMenu.signedInAs', { username: me.username })}</Menu.Label>
          <Menu.Item onClick={passwordDialog.open}>{t('userMenu.changePassword')}</Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            disabled={logout.isPending}
            onClick={() =>
              logout.mutate(undefined, {
                onSettled: (result) => {
                  // An OIDC session also ends at its provider, which sends the browser back to login.
                  const providerUrl = providerLogoutUrl(result);
                  if (providerUrl) browserLocation.assign(providerUrl);
                  else onSignedOut();
                },
              })
            }
          >
            {t('userMenu.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {passwordOpen && (
        <Suspense>
          <ChangePasswordDialog username={me.username} onClose={passwordDialog.close} />
        </Suspense>
      )}
    </>
  );
}

/** "Default Admin" → "DA"; text only, never markup. */
function initials(name: string) {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0] ?? '');
  return letters.join('').toUpperCase() || '?';
}
