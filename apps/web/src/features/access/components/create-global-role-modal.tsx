import { CreateGlobalRoleBodySchema, GlobalPermission } from '@bokujo/shared';
import { Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { namesAField } from '@/lib/field-errors';
import { schemaKeywords } from '@/lib/schema-keywords';
import { useCreateGlobalRole } from '../api/create-global-role';
import { useFieldError } from '../hooks/use-field-error';
import { useRoleLabels } from '../hooks/use-role-labels';

const idPattern = new RegExp(schemaKeywords(CreateGlobalRoleBodySchema.properties.id).pattern ?? '.*');
const fields = ['id', 'name', 'permissions'] as const;

/** A custom global role: a name for a set of Bokujo-wide permissions. */
export function CreateGlobalRoleModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('access');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('roles.create.title')}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      {opened && <CreateGlobalRoleForm onDone={onClose} />}
    </Modal>
  );
}

function CreateGlobalRoleForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('access');
  const labels = useRoleLabels();
  const create = useCreateGlobalRole();
  const serverError = useFieldError(create.error, fields);
  const form = useForm({
    initialValues: { id: '', name: '', permissions: [] as string[] },
    validate: {
      id: (value) => (idPattern.test(value) ? null : t('roles.problem.id')),
      name: (value) => (value.trim() ? null : t('roles.problem.name')),
    },
  });
  const submit = form.onSubmit((values) =>
    create.mutate({ ...values, name: values.name.trim() }, { onSuccess: onDone }),
  );
  const failure = create.error && !namesAField(create.error, fields) ? create.error : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {failure && (
          <Alert color="red" title={t('roles.create.failed')} role="alert">
            {failure.message}
          </Alert>
        )}
        <TextInput
          label={t('roles.field.name')}
          required
          data-autofocus
          maxLength={128}
          {...form.getInputProps('name')}
          error={form.errors['name'] ?? serverError('name')}
        />
        <TextInput
          label={t('roles.field.id')}
          description={t('roles.field.idHint')}
          required
          maxLength={64}
          {...form.getInputProps('id')}
          error={form.errors['id'] ?? serverError('id')}
        />
        <Checkbox.Group
          label={t('roles.field.permissions')}
          {...form.getInputProps('permissions')}
          error={serverError('permissions')}
        >
          <Stack gap={6} mt={6}>
            {Object.values(GlobalPermission).map((permission) => (
              <Checkbox key={permission} value={permission} label={labels.permission(permission)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('dialog.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('roles.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
