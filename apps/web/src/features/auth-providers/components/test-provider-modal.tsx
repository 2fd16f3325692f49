import type { AuthProvider } from '@bokujo/shared';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { namesAField } from '@/lib/field-errors';
import { useTestAuthProvider } from '../api/test-auth-provider';
import { useFieldError } from '../hooks/use-field-error';
import { browserLocation } from '../utils/browser-location';

const testPaths = ['username', 'password'] as const;

interface TestProviderModalProps {
  provider: AuthProvider | undefined;
  /** Bokujo's own username of the Administrator, who gets linked to the account they test with. */
  username: string;
  onClose: () => void;
}

/**
 * "Test and enable": the Administrator logs in through the provider once. OIDC goes to the
 * provider's own page and comes back to this page; LDAP asks for a directory account here.
 */
export function TestProviderModal({ provider, username, onClose }: TestProviderModalProps) {
  const { t } = useTranslation('providers');
  return (
    <Modal
      opened={provider !== undefined}
      onClose={onClose}
      title={provider ? t('admin.test.title', { name: provider.name }) : ''}
      closeButtonProps={{ 'aria-label': t('admin.dialog.close') }}
    >
      {provider &&
        (provider.kind === 'oidc' ? (
          <OidcTest provider={provider} username={username} onClose={onClose} />
        ) : (
          <LdapTest key={provider.id} provider={provider} username={username} onClose={onClose} />
        ))}
    </Modal>
  );
}

function OidcTest({ provider, username, onClose }: { provider: AuthProvider; username: string; onClose: () => void }) {
  const { t } = useTranslation('providers');
  const test = useTestAuthProvider();
  function start() {
    test.mutate(
      { providerId: provider.id, body: {} },
      {
        onSuccess: ({ redirectUrl }) => {
          // The provider's login page; its callback brings the browser back with ?tested=<id>.
          if (redirectUrl) browserLocation.assign(redirectUrl);
        },
      },
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm">{t('admin.test.oidcBody', { name: provider.name })}</Text>
      <Text size="sm">{t('admin.test.linkNotice', { username })}</Text>
      {test.error && (
        <Alert color="red" role="alert" title={t('admin.test.failed', { name: provider.name })}>
          {test.error.message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('admin.dialog.cancel')}
        </Button>
        <Button onClick={start} loading={test.isPending || test.isSuccess} data-autofocus>
          {t('admin.test.continue', { name: provider.name })}
        </Button>
      </Group>
    </Stack>
  );
}

function LdapTest({ provider, username, onClose }: { provider: AuthProvider; username: string; onClose: () => void }) {
  const { t } = useTranslation('providers');
  const test = useTestAuthProvider();
  const serverError = useFieldError(test.error, testPaths);
  const [directoryUser, setDirectoryUser] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    test.mutate({ providerId: provider.id, body: { username: directoryUser.trim(), password } });
  }

  if (test.isSuccess) {
    return (
      <Stack gap="md">
        <Alert color="green" role="status" title={t('admin.test.passedTitle')}>
          {t('admin.test.passedBody', { name: provider.name, username: directoryUser.trim() })}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            {t('admin.dialog.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const failure = test.error && !namesAField(test.error, testPaths) ? test.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('admin.test.ldapBody', { name: provider.name })}</Text>
        <Text size="sm">{t('admin.test.linkNotice', { username })}</Text>
        {failure && (
          <Alert color="red" role="alert" title={t('admin.test.failed', { name: provider.name })}>
            {isApiError(failure, 502) ? t('admin.test.unreachable', { reason: failure.message }) : failure.message}
          </Alert>
        )}
        <TextInput
          label={t('admin.test.username')}
          required
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          data-autofocus
          value={directoryUser}
          onChange={(event) => setDirectoryUser(event.currentTarget.value)}
          error={serverError('username')}
        />
        <PasswordInput
          label={t('admin.test.password')}
          required
          autoComplete="off"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={serverError('password')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('admin.dialog.cancel')}
          </Button>
          <Button type="submit" loading={test.isPending} disabled={!directoryUser.trim() || !password}>
            {t('admin.test.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
