import { Alert, Badge, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { useFormatters } from '@/lib/format';
import { useLogin } from '../api/login';

interface LoginFormProps {
  /** Shown above the form on the first run, when only the bootstrap password works. */
  firstRun: boolean;
}

/** Signs in; whoever shows the form follows the session query to move on. */
export function LoginForm({ firstRun }: LoginFormProps) {
  const { t } = useTranslation('auth');
  const login = useLogin();
  const format = useFormatters();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  }

  const error = login.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group gap="xs">
          <Text size="sm" c="dimmed" id="login-provider-label">
            {t('login.providers')}
          </Text>
          <Badge variant="light" aria-describedby="login-provider-label">
            {t('login.provider.local')}
          </Badge>
        </Group>
        {firstRun && (
          <Alert color="blue" title={t('login.firstRunTitle')}>
            {t('login.firstRunBody')}
          </Alert>
        )}
        {error && (
          <Alert color="red" title={t('login.failed')} role="alert">
            {isApiError(error, 429)
              ? error.retryAfterSeconds
                ? t('login.rateLimited', { wait: format.seconds(error.retryAfterSeconds) })
                : t('login.rateLimitedSoon')
              : isApiError(error, 401)
                ? t('login.wrongCredentials')
                : error.message}
          </Alert>
        )}
        <TextInput
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          data-autofocus
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
          label={t('login.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" loading={login.isPending} disabled={!username.trim() || !password}>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
