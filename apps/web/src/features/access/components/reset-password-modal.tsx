import type { User } from '@bokujo/shared';
import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { namesAField } from '@/lib/field-errors';
import { useResetUserPassword } from '../api/reset-user-password';
import { useFieldError } from '../hooks/use-field-error';
import { minPasswordLength } from './user-form-modal';

const fields = ['newPassword'] as const;

interface ResetPasswordModalProps {
  /** Whose password to reset; the dialog is open while one is given. */
  user: User | undefined;
  onClose: () => void;
}

export function ResetPasswordModal({ user, onClose }: ResetPasswordModalProps) {
  const { t } = useTranslation('access');
  return (
    <Modal
      opened={user !== undefined}
      onClose={onClose}
      title={t('users.reset.title', { username: user?.username ?? '' })}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      {user && <ResetPasswordForm key={user.id} user={user} onDone={onClose} />}
    </Modal>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation('access');
  const reset = useResetUserPassword();
  const serverError = useFieldError(reset.error, fields);
  const form = useForm({
    initialValues: { newPassword: '', confirmPassword: '', mustChangePassword: true },
    validate: {
      newPassword: (value) =>
        value.length < minPasswordLength
          ? t('users.problem.passwordLength', { min: minPasswordLength })
          : value.toLowerCase().includes(user.username)
            ? t('fieldError.containsUsername')
            : null,
      confirmPassword: (value, values) => (value === values.newPassword ? null : t('users.problem.mismatch')),
    },
  });
  const submit = form.onSubmit(({ newPassword, mustChangePassword }) =>
    reset.mutate({ userId: user.id, body: { newPassword, mustChangePassword } }, { onSuccess: onDone }),
  );
  const failure = reset.error && !namesAField(reset.error, fields) ? reset.error : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('users.reset.body', { username: user.username })}</Text>
        {failure && (
          <Alert color="red" title={t('users.reset.failed')} role="alert">
            {failure.message}
          </Alert>
        )}
        <PasswordInput
          label={t('users.field.newPassword')}
          description={t('users.field.passwordHint', { min: minPasswordLength })}
          required
          autoComplete="new-password"
          data-autofocus
          visibilityToggleButtonProps={{ 'aria-label': t('users.field.togglePassword') }}
          {...form.getInputProps('newPassword')}
          error={form.errors['newPassword'] ?? serverError('newPassword')}
        />
        <PasswordInput
          label={t('users.field.confirmPassword')}
          required
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('users.field.togglePassword') }}
          {...form.getInputProps('confirmPassword')}
        />
        <Checkbox
          label={t('users.field.mustChangePassword')}
          {...form.getInputProps('mustChangePassword', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('dialog.cancel')}
          </Button>
          <Button type="submit" loading={reset.isPending}>
            {t('users.reset.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
