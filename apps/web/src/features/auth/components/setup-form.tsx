import { Alert, Button, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsByPath } from '@/lib/field-errors';
import { type CompleteSetupResult, useCompleteSetup } from '../api/complete-setup';
import { checkNewPassword, minPasswordLength, type PasswordProblems } from '../utils/password-rules';
import { previewServerUrl, recogniseServerWarning } from '../utils/server-url';

interface SetupFormProps {
  username: string;
  /** Where people reach Bokujo as far as this browser knows: its own address. */
  defaultServerUrl: string;
  onDone: () => void;
}

/** First run: replace the bootstrap password and confirm the address people reach Bokujo by. */
export function SetupForm({ username, defaultServerUrl, onDone }: SetupFormProps) {
  const { t } = useTranslation('auth');
  const setup = useCompleteSetup();
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<CompleteSetupResult>();

  const problems: PasswordProblems = checkNewPassword(newPassword, confirmPassword, username);
  const preview = previewServerUrl(serverUrl);
  const serverReasons = fieldErrorsByPath(setup.error, ['newPassword', 'serverUrl']);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (problems.newPassword || problems.confirmPassword || !preview.valid) return;
    setup.mutate(
      { newPassword, serverUrl: serverUrl.trim() },
      {
        onSuccess: (answer) => {
          if (answer.warnings.length === 0) onDone();
          else setResult(answer);
        },
      },
    );
  }

  if (result) {
    return (
      <Stack gap="md">
        <Alert color="green" title={t('setup.doneTitle')}>
          {t('setup.doneBody', { serverUrl: result.serverUrl })}
        </Alert>
        <Alert color="yellow" title={t('setup.serverWarnings')}>
          <List size="sm" spacing={4}>
            {result.warnings.map((warning) => {
              const known = recogniseServerWarning(warning);
              return <List.Item key={warning}>{known ? t(`setup.warning.${known}`) : warning}</List.Item>;
            })}
          </List>
        </Alert>
        <Button onClick={onDone} data-autofocus>
          {t('setup.continue')}
        </Button>
      </Stack>
    );
  }

  const passwordError = submitted && problems.newPassword;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('setup.intro', { username })}</Text>
        {setup.error && (
          <Alert color="red" title={t('setup.failed')} role="alert">
            {setup.error.message}
          </Alert>
        )}
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
          label={t('setup.newPassword')}
          description={t('password.rule', { min: minPasswordLength, username })}
          autoComplete="new-password"
          required
          data-autofocus
          value={newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          error={
            passwordError
              ? t(`password.problem.${passwordError}`, { min: minPasswordLength, username })
              : serverReasons['newPassword']
          }
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
          label={t('setup.confirmPassword')}
          autoComplete="new-password"
          required
          value={confirmPassword}
          onChange={(event) => setConfirmPassword(event.currentTarget.value)}
          error={submitted && problems.confirmPassword ? t('password.problem.mismatch') : undefined}
        />
        <TextInput
          label={t('setup.serverUrl')}
          description={t('setup.serverUrlHelp')}
          type="url"
          required
          spellCheck={false}
          value={serverUrl}
          onChange={(event) => setServerUrl(event.currentTarget.value)}
          error={(submitted && !preview.valid ? t('setup.serverUrlInvalid') : undefined) ?? serverReasons['serverUrl']}
        />
        {preview.warnings.length > 0 && (
          <Alert color="yellow" title={t('setup.serverUrlWarnings')}>
            <List size="sm" spacing={4}>
              {preview.warnings.map((warning) => (
                <List.Item key={warning}>{t(`setup.warning.${warning}`)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Button type="submit" loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
