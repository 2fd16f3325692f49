import { ProjectNameSchema } from '@bokujo/shared';
import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { namesAField } from '@/lib/field-errors';
import { schemaKeywords } from '@/lib/schema-keywords';
import { useCreateProject } from '../api/create-project';
import { useFieldError } from '../hooks/use-field-error';

const namePattern = new RegExp(schemaKeywords(ProjectNameSchema).pattern ?? '.*');
const fields = ['name', 'description'] as const;

interface CreateProjectModalProps {
  clusterId: string;
  opened: boolean;
  onClose: () => void;
}

export function CreateProjectModal({ clusterId, opened, onClose }: CreateProjectModalProps) {
  const { t } = useTranslation('access');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('projects.create.title')}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      {opened && <CreateProjectForm clusterId={clusterId} onDone={onClose} />}
    </Modal>
  );
}

function CreateProjectForm({ clusterId, onDone }: { clusterId: string; onDone: () => void }) {
  const { t } = useTranslation('access');
  const create = useCreateProject();
  const serverError = useFieldError(create.error, fields);
  const form = useForm({
    initialValues: { name: '', description: '' },
    validate: { name: (value) => (namePattern.test(value) ? null : t('projects.problem.name')) },
  });
  const submit = form.onSubmit(({ name, description }) =>
    create.mutate(
      { clusterId, body: { name, ...(description.trim() ? { description: description.trim() } : {}) } },
      { onSuccess: onDone },
    ),
  );
  const failure = create.error && !namesAField(create.error, fields) ? create.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {failure && (
          <Alert color="red" title={t('projects.create.failed')} role="alert">
            {failure.message}
          </Alert>
        )}
        <TextInput
          label={t('projects.field.name')}
          description={t('projects.field.nameHint')}
          required
          data-autofocus
          maxLength={63}
          {...form.getInputProps('name')}
          error={form.errors['name'] ?? serverError('name')}
        />
        <Textarea
          label={t('projects.field.description')}
          autosize
          minRows={2}
          maxLength={1024}
          {...form.getInputProps('description')}
          error={serverError('description')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('dialog.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('projects.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
