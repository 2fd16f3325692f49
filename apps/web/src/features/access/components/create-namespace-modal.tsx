import { NamespaceNameSchema, type Project } from '@bokujo/shared';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { namesAField } from '@/lib/field-errors';
import { schemaKeywords } from '@/lib/schema-keywords';
import { useCreateNamespace } from '../api/create-namespace';
import { useFieldError } from '../hooks/use-field-error';

const namePattern = new RegExp(schemaKeywords(NamespaceNameSchema).pattern ?? '.*');
const fields = ['name'] as const;

interface CreateNamespaceModalProps {
  /** The project to create it in; the dialog is open while one is given. */
  project: Project | undefined;
  onClose: () => void;
}

export function CreateNamespaceModal({ project, onClose }: CreateNamespaceModalProps) {
  const { t } = useTranslation('access');
  return (
    <Modal
      opened={project !== undefined}
      onClose={onClose}
      title={t('namespaces.create.title', { project: project?.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      {project && <CreateNamespaceForm key={project.id} project={project} onDone={onClose} />}
    </Modal>
  );
}

function CreateNamespaceForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useTranslation('access');
  const create = useCreateNamespace();
  const serverError = useFieldError(create.error, fields);
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (value) => (namePattern.test(value) ? null : t('namespaces.problem.name')) },
  });
  const submit = form.onSubmit(({ name }) =>
    create.mutate({ clusterId: project.clusterId, projectId: project.id, name }, { onSuccess: onDone }),
  );
  const failure = create.error && !namesAField(create.error, fields) ? create.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {failure && (
          <Alert color="red" title={t('namespaces.create.failed')} role="alert">
            {failure.message}
          </Alert>
        )}
        <TextInput
          label={t('namespaces.field.name')}
          description={t('namespaces.field.nameHint')}
          required
          data-autofocus
          maxLength={63}
          {...form.getInputProps('name')}
          error={form.errors['name'] ?? serverError('name')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('dialog.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('namespaces.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
