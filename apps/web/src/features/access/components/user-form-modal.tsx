import { NewPasswordSchema, type User, UsernameSchema } from '@bokujo/shared';
import { Alert, Button, Checkbox, Group, Modal, MultiSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { namesAField } from '@/lib/field-errors';
import { schemaKeywords } from '@/lib/schema-keywords';
import { useCreateUser } from '../api/create-user';
import { useGlobalRoles } from '../api/get-global-roles';
import { useUpdateUser } from '../api/update-user';
import { useFieldError } from '../hooks/use-field-error';
import { useRoleLabels } from '../hooks/use-role-labels';

export const minPasswordLength = schemaKeywords(NewPasswordSchema).minLength ?? 12;
const usernamePattern = new RegExp(schemaKeywords(UsernameSchema).pattern ?? '.*');
/** Rancher's default for new people: may sign in and import clusters, sees only their own. */
const defaultGlobalRoles = ['user'];
const fields = ['username', 'displayName', 'password', 'globalRoles'] as const;

interface UserFormModalProps {
  /** The user to edit; absent to create one. */
  user?: User | undefined;
  opened: boolean;
  onClose: () => void;
}

/** Creates a local user, or edits one's display name and global roles. */
export function UserFormModal({ user, opened, onClose }: UserFormModalProps) {
  const { t } = useTranslation('access');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={user ? t('users.edit.title', { username: user.username }) : t('users.create.title')}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
      size="lg"
    >
      {/* Keyed so that each opening starts from the user's current values. */}
      {opened && <UserForm key={user?.id ?? 'new'} user={user} onDone={onClose} />}
    </Modal>
  );
}

function UserForm({ user, onDone }: { user: User | undefined; onDone: () => void }) {
  const { t } = useTranslation('access');
  const roles = useGlobalRoles();
  const labels = useRoleLabels();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const serverError = useFieldError(mutation.error, fields);
  const form = useForm({
    initialValues: {
      username: user?.username ?? '',
      displayName: user?.displayName ?? '',
      password: '',
      mustChangePassword: true,
      globalRoles: user?.globalRoles ?? defaultGlobalRoles,
    },
    validate: {
      username: (value) =>
        user
          ? null
          : !value
            ? t('users.problem.required')
            : usernamePattern.test(value)
              ? null
              : t('users.problem.username'),
      password: (value, values) =>
        user
          ? null
          : value.length < minPasswordLength
            ? t('users.problem.passwordLength', { min: minPasswordLength })
            : values.username && value.toLowerCase().includes(values.username)
              ? t('fieldError.containsUsername')
              : null,
      globalRoles: (value) => (value.length === 0 ? t('users.problem.roles') : null),
    },
  });

  const submit = form.onSubmit((values) => {
    const displayName = values.displayName.trim();
    if (!user) {
      create.mutate(
        {
          username: values.username,
          password: values.password,
          globalRoles: values.globalRoles,
          mustChangePassword: values.mustChangePassword,
          ...(displayName ? { displayName } : {}),
        },
        { onSuccess: onDone },
      );
      return;
    }
    const changedRoles =
      values.globalRoles.length !== user.globalRoles.length ||
      values.globalRoles.some((role) => !user.globalRoles.includes(role));
    const body = {
      ...(displayName && displayName !== user.displayName ? { displayName } : {}),
      ...(changedRoles ? { globalRoles: values.globalRoles } : {}),
    };
    // The server refuses an empty change; nothing changed means nothing to do.
    if (Object.keys(body).length === 0) onDone();
    else update.mutate({ userId: user.id, body }, { onSuccess: onDone });
  });

  const roleOptions = (roles.data ?? []).map((role) => ({ value: role.id, label: labels.globalRole(role.id) }));
  const failure = mutation.error && !namesAField(mutation.error, fields) ? mutation.error : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {failure && (
          <Alert color="red" title={user ? t('users.edit.failed') : t('users.create.failed')} role="alert">
            {failure.message}
          </Alert>
        )}
        {!user && (
          <TextInput
            label={t('users.field.username')}
            description={t('users.field.usernameHint')}
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('username')}
            error={form.errors['username'] ?? serverError('username')}
          />
        )}
        <TextInput
          label={t('users.field.displayName')}
          description={user ? undefined : t('users.field.displayNameHint')}
          maxLength={128}
          data-autofocus={user ? true : undefined}
          {...form.getInputProps('displayName')}
          error={serverError('displayName')}
        />
        {!user && (
          <>
            <PasswordInput
              label={t('users.field.password')}
              description={t('users.field.passwordHint', { min: minPasswordLength })}
              required
              autoComplete="new-password"
              visibilityToggleButtonProps={{ 'aria-label': t('users.field.togglePassword') }}
              {...form.getInputProps('password')}
              error={form.errors['password'] ?? serverError('password')}
            />
            <Checkbox
              label={t('users.field.mustChangePassword')}
              {...form.getInputProps('mustChangePassword', { type: 'checkbox' })}
            />
          </>
        )}
        <MultiSelect
          label={t('users.field.globalRoles')}
          description={t('users.field.globalRolesHint')}
          required
          data={roleOptions}
          disabled={roles.isPending}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('globalRoles')}
          error={form.errors['globalRoles'] ?? serverError('globalRoles') ?? roles.error?.message}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('dialog.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {user ? t('users.edit.submit') : t('users.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
