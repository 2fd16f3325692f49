import { isExternalLoginFailureReason, type PublicAuthProvider } from '@bokujo/shared';
import { Alert, Button, Divider, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { oidcStartHref, useAuthProviders } from '../api/get-auth-providers';
import { useLdapLogin } from '../api/ldap-login';

interface ExternalLoginProps {
  /** Where to land after logging in (a path of this site). */
  next: string;
  /** From the login page's query after a failed OIDC login. */
  error: { reason: string | null; providerId: string | null };
}

/** The enabled external providers: a button per OIDC provider, a form per directory. */
export function ExternalLogin({ next, error }: ExternalLoginProps) {
  const { t } = useTranslation('auth');
  const providers = useAuthProviders();
  const items = providers.data ?? [];
  const failedWith = items.find((provider) => provider.id === error.providerId);
  // Reasons the server gives in `/login?error=` after an OIDC login came back refused.
  const reason = isExternalLoginFailureReason(error.reason) ? error.reason : undefined;
  return (
    <Stack gap="md">
      {reason && (
        <Alert
          color="red"
          role="alert"
          title={t('externalLogin.failed', { name: failedWith?.name ?? error.providerId ?? '' })}
        >
          {t(`externalLogin.errors.${reason}`)}
        </Alert>
      )}
      {items.length > 0 && <Divider label={t('externalLogin.or')} labelPosition="center" />}
      {items
        .filter((provider) => provider.kind === 'oidc')
        .map((provider) => (
          <Button key={provider.id} component="a" variant="default" href={oidcStartHref(provider.id, next)}>
            {t('externalLogin.withProvider', { name: provider.name })}
          </Button>
        ))}
      {items
        .filter((provider) => provider.kind === 'ldap')
        .map((provider) => (
          <DirectoryLoginForm key={provider.id} provider={provider} />
        ))}
    </Stack>
  );
}

function DirectoryLoginForm({ provider }: { provider: PublicAuthProvider }) {
  const { t } = useTranslation('auth');
  const login = useLdapLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ providerId: provider.id, username: username.trim(), password });
  }

  const error = login.error;
  return (
    <form onSubmit={submit} noValidate aria-label={t('externalLogin.directoryTitle', { name: provider.name })}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('externalLogin.directoryTitle', { name: provider.name })}
        </Title>
        {error && (
          <Alert color="red" role="alert" title={t('externalLogin.failed', { name: provider.name })}>
            {isApiError(error, 401)
              ? t('externalLogin.errors.credentials')
              : isApiError(error, 502)
                ? t('externalLogin.errors.unreachable')
                : error.message}
          </Alert>
        )}
        <TextInput
          label={t('externalLogin.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
        />
        <PasswordInput
          label={t('externalLogin.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" variant="light" loading={login.isPending} disabled={!username.trim() || !password}>
          {t('externalLogin.submit', { name: provider.name })}
        </Button>
      </Stack>
    </form>
  );
}
