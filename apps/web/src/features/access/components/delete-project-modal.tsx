import type { Project } from '@bokujo/shared';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteProject } from '../api/delete-project';

interface DeleteProjectModalProps {
  /** The project to delete; the dialog is open while one is given. */
  project: Project | undefined;
  /** How many namespaces it holds, to say what leaves or goes with it. */
  namespaceCount: number;
  onClose: () => void;
  onDeleted?: () => void;
}

export function DeleteProjectModal({ project, namespaceCount, onClose, onDeleted }: DeleteProjectModalProps) {
  const { t } = useTranslation('access');
  return (
    <Modal
      opened={project !== undefined}
      onClose={onClose}
      title={t('projects.delete.title', { name: project?.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      {project && (
        <DeleteProjectForm
          key={project.id}
          project={project}
          namespaceCount={namespaceCount}
          onClose={onClose}
          onDeleted={onDeleted}
        />
      )}
    </Modal>
  );
}

interface DeleteProjectFormProps {
  project: Project;
  namespaceCount: number;
  onClose: () => void;
  onDeleted: (() => void) | undefined;
}

/**
 * By default the namespaces only leave the project and keep running. Deleting them too destroys
 * workloads and data, so that choice asks for the project's name to be typed, as a second look.
 */
function DeleteProjectForm({ project, namespaceCount, onClose, onDeleted }: DeleteProjectFormProps) {
  const { t } = useTranslation('access');
  const remove = useDeleteProject();
  const [deleteNamespaces, setDeleteNamespaces] = useState(false);
  const [typedName, setTypedName] = useState('');
  const confirmed = !deleteNamespaces || typedName === project.name;

  return (
    <Stack gap="md">
      <Text size="sm">{t('projects.delete.body', { name: project.name })}</Text>
      {namespaceCount > 0 && (
        <Checkbox
          color="red"
          checked={deleteNamespaces}
          onChange={(event) => setDeleteNamespaces(event.currentTarget.checked)}
          label={t('projects.delete.alsoNamespaces', { count: namespaceCount })}
          description={deleteNamespaces ? undefined : t('projects.delete.namespacesStay', { count: namespaceCount })}
        />
      )}
      {deleteNamespaces && (
        <TextInput
          label={t('projects.delete.typeName', { name: project.name })}
          value={typedName}
          onChange={(event) => setTypedName(event.currentTarget.value)}
          autoComplete="off"
        />
      )}
      {remove.error && (
        <Alert color="red" title={t('projects.delete.failed')} role="alert">
          {remove.error.message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('dialog.cancel')}
        </Button>
        <Button
          color="red"
          disabled={!confirmed}
          loading={remove.isPending}
          onClick={() =>
            remove.mutate(
              { clusterId: project.clusterId, projectId: project.id, deleteNamespaces },
              {
                onSuccess: () => {
                  onClose();
                  onDeleted?.();
                },
              },
            )
          }
        >
          {t('projects.delete.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
