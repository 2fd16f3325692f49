import { type AuthProvider, groupPrefix, isExternalLoginFailureReason } from '@bokujo/shared';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  CloseButton,
  Group,
  Loader,
  Menu,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ConfirmModal } from '@/components/confirm-modal';
import { isApiError } from '@/lib/api-client';
import { useFormatters } from '@/lib/format';
import { useDeleteAuthProvider } from '../api/delete-auth-provider';
import { useAuthProviders } from '../api/get-auth-providers';
import { useUpdateAuthProvider } from '../api/update-auth-provider';
import { type ProviderState, stateOf } from '../utils/provider-draft';
import { knownWarning } from '../utils/server-reasons';
import { AuthProviderFormModal } from './auth-provider-form-modal';
import { TestProviderModal } from './test-provider-modal';

const stateColors: Record<ProviderState, string> = { enabled: 'teal', disabled: 'gray', untested: 'yellow' };

interface AuthProviderListProps {
  /** Bokujo's username of the Administrator looking (linked to whoever they test with). */
  username: string;
  /** The server's configured address, for the redirect URI an OpenID Provider must allow. */
  serverUrl: string;
}

/** The Authentication page: external login providers, with add, test and enable, disable, edit, delete. */
export function AuthProviderList({ username, serverUrl }: AuthProviderListProps) {
  const { t } = useTranslation('providers');
  const format = useFormatters();
  const providers = useAuthProviders();
  const disable = useUpdateAuthProvider();
  const remove = useDeleteAuthProvider();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AuthProvider>();
  const [testing, setTesting] = useState<AuthProvider>();
  const [disabling, setDisabling] = useState<AuthProvider>();
  const [deleting, setDeleting] = useState<AuthProvider>();
  const [saved, setSaved] = useState<AuthProvider>();

  // An OIDC test ends at the provider's callback, which sends the browser back here.
  const testedId = params.get('tested');
  const tested = providers.data?.find((provider) => provider.id === testedId);
  const dismissTested = () =>
    setParams(
      (current) => {
        current.delete('tested');
        return current;
      },
      { replace: true },
    );

  // A failed OIDC test comes back here too, with a reason code to explain (the detail is in the server log).
  const testFailedId = params.get('testFailed');
  const testFailed = providers.data?.find((provider) => provider.id === testFailedId);
  const failureReason = params.get('error');
  const dismissTestFailed = () =>
    setParams(
      (current) => {
        current.delete('testFailed');
        current.delete('error');
        return current;
      },
      { replace: true },
    );

  const closeDisable = () => {
    setDisabling(undefined);
    disable.reset();
  };
  const closeDelete = () => {
    setDeleting(undefined);
    remove.reset();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} miw={0}>
          <Title order={2}>{t('admin.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('admin.intro')}
          </Text>
        </Stack>
        <Button onClick={() => setCreating(true)} style={{ flexShrink: 0 }}>
          {t('admin.add')}
        </Button>
      </Group>
      {testedId && (
        <Alert
          color="green"
          role="status"
          title={t('admin.test.passedTitle')}
          withCloseButton
          closeButtonLabel={t('admin.dialog.close')}
          onClose={dismissTested}
        >
          {t('admin.test.oidcPassed', { name: tested?.name ?? testedId })}
        </Alert>
      )}
      {testFailedId && (
        <Alert
          color="red"
          role="alert"
          title={t('admin.test.failed', { name: testFailed?.name ?? testFailedId })}
          withCloseButton
          closeButtonLabel={t('admin.dialog.close')}
          onClose={dismissTestFailed}
        >
          {t(
            isExternalLoginFailureReason(failureReason)
              ? `admin.test.failure.${failureReason}`
              : 'admin.test.failure.other',
          )}
        </Alert>
      )}
      {saved && (
        <Alert color="blue" role="status" title={t('admin.savedTitle', { name: saved.name })}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{saved.enabled ? t('admin.savedEnabled') : t('admin.savedBody')}</Text>
            <CloseButton aria-label={t('admin.dialog.close')} onClick={() => setSaved(undefined)} />
          </Group>
        </Alert>
      )}
      {providers.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('admin.loading')} />
        </Center>
      ) : providers.isError ? (
        <Alert color={isApiError(providers.error, 403) ? 'orange' : 'red'} role="alert" title={t('admin.loadFailed')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{providers.error.message}</Text>
            <Button size="xs" variant="default" onClick={() => void providers.refetch()}>
              {t('admin.retry')}
            </Button>
          </Stack>
        </Alert>
      ) : providers.data.length === 0 ? (
        <Alert color="gray" title={t('admin.emptyTitle')}>
          {t('admin.emptyBody')}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={920}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.column.name')}</Table.Th>
                <Table.Th>{t('admin.column.kind')}</Table.Th>
                <Table.Th>{t('admin.column.state')}</Table.Th>
                <Table.Th>{t('admin.column.tested')}</Table.Th>
                <Table.Th>{t('admin.column.access')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('admin.column.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {providers.data.map((provider) => {
                const state = stateOf(provider);
                return (
                  <Table.Tr key={provider.id}>
                    <Table.Td maw={320}>
                      <Text fw={500} truncate>
                        {provider.name}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {t('admin.groupsAs', { prefix: groupPrefix(provider.kind, provider.id) })}
                      </Text>
                      {provider.warnings.map((warning) => {
                        const key = knownWarning(warning);
                        return (
                          <Text key={warning} size="xs" c="orange.8">
                            ⚠ {key ? t(`admin.warning.${key}`) : warning}
                          </Text>
                        );
                      })}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`admin.kind.${provider.kind}`)}</Text>
                      <Text size="xs" c="dimmed">
                        {provider.oidc
                          ? t(`admin.preset.${provider.oidc.preset}`)
                          : provider.ldap
                            ? t(`admin.flavour.${provider.ldap.flavour}`)
                            : null}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge
                          color={stateColors[state]}
                          variant={state === 'enabled' ? 'light' : 'outline'}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {t(`admin.state.${state}`)}
                        </Badge>
                        {provider.enabled && !provider.testedAt && (
                          <Badge color="yellow" variant="outline">
                            {t('admin.state.changedSinceTest')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {provider.testedAt ? format.dateTime(provider.testedAt) : t('admin.never')}
                    </Table.Td>
                    <Table.Td>
                      {provider.accessMode === 'any'
                        ? t('admin.access.anyShort')
                        : t('admin.access.restrictedShort', { number: provider.allowedPrincipals.length })}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {(!provider.enabled || !provider.testedAt) && (
                          <Button size="xs" variant="light" onClick={() => setTesting(provider)}>
                            {t('admin.test.open')}
                          </Button>
                        )}
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={t('admin.actionsFor', { name: provider.name })}
                            >
                              <span aria-hidden="true">⋮</span>
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setEditing(provider)}>{t('admin.edit')}</Menu.Item>
                            {provider.enabled && (
                              <Menu.Item color="red" onClick={() => setDisabling(provider)}>
                                {t('admin.disable.open')}
                              </Menu.Item>
                            )}
                            <Menu.Divider />
                            <Menu.Item color="red" onClick={() => setDeleting(provider)}>
                              {t('admin.delete.open')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AuthProviderFormModal
        opened={creating}
        serverUrl={serverUrl}
        onClose={() => setCreating(false)}
        onSaved={(provider) => {
          setCreating(false);
          setSaved(provider);
        }}
      />
      <AuthProviderFormModal
        provider={editing}
        opened={editing !== undefined}
        serverUrl={serverUrl}
        onClose={() => setEditing(undefined)}
        onSaved={(provider) => {
          setEditing(undefined);
          setSaved(provider);
        }}
      />
      <TestProviderModal provider={testing} username={username} onClose={() => setTesting(undefined)} />
      <ConfirmModal
        opened={disabling !== undefined}
        title={t('admin.disable.title', { name: disabling?.name ?? '' })}
        confirmLabel={t('admin.disable.confirm')}
        danger
        pending={disable.isPending}
        error={disable.error}
        errorTitle={t('admin.disable.failed')}
        onClose={closeDisable}
        onConfirm={() =>
          disabling &&
          disable.mutate({ providerId: disabling.id, body: { enabled: false } }, { onSuccess: closeDisable })
        }
      >
        <Text size="sm">{t('admin.disable.body', { name: disabling?.name ?? '' })}</Text>
      </ConfirmModal>
      <ConfirmModal
        opened={deleting !== undefined}
        title={t('admin.delete.title', { name: deleting?.name ?? '' })}
        confirmLabel={t('admin.delete.confirm')}
        danger
        pending={remove.isPending}
        error={remove.error}
        errorTitle={t('admin.delete.failed')}
        onClose={closeDelete}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: closeDelete })}
      >
        <Text size="sm">{t('admin.delete.body', { name: deleting?.name ?? '' })}</Text>
      </ConfirmModal>
    </Stack>
  );
}
