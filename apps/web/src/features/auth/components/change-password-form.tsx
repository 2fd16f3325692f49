import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsByPath } from '@/lib/field-errors';
import { useChangePassword } from '../api/change-password';
import { checkNewPassword, minPasswordLength } from '../utils/password-rules';

interface ChangePasswordFormProps {
  username: string;
  onDone: () => void;
  /** e.g. a Cancel button when shown in a dialog. */
  secondaryAction?: ReactNode;
}

export function ChangePasswordForm({ username, onDone, secondaryAction }: ChangePasswordFormProps) {
  const { t } = useTranslation('auth');
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const problems = checkNewPassword(newPassword, confirmPassword, username);
  const serverReasons = fieldErrorsByPath(change.error, ['currentPassword', 'newPassword']);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!currentPassword || problems.newPassword || problems.confirmPassword) return;
    change.mutate({ currentPassword, newPassword }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {change.error && (
          <Alert color="red" title={t('password.failed')} role="alert">
            {change.error.message}
          </Alert>
        )}
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
          label={t('password.current')}
          autoComplete="current-password"
          required
          data-autofocus
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          error={
            (submitted && !currentPassword ? t('password.problem.required') : undefined) ??
            serverReasons['currentPassword']
          }
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
          label={t('password.new')}
          description={t('password.rule', { min: minPasswordLength, username })}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          error={
            submitted && problems.newPassword
              ? t(`password.problem.${problems.newPassword}`, { min: minPasswordLength, username })
              : serverReasons['newPassword']
          }
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
          label={t('password.confirm')}
          autoComplete="new-password"
          required
          value={confirmPassword}
          onChange={(event) => setConfirmPassword(event.currentTarget.value)}
          error={submitted && problems.confirmPassword ? t('password.problem.mismatch') : undefined}
        />
        <Group justify="flex-end">
          {secondaryAction}
          <Button type="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
