import type { Project, ProjectNamespace } from '@bokujo/shared';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoveNamespace } from '../api/move-namespace';
import { useFieldError } from '../hooks/use-field-error';

/** The Select's value for "out of every project"; project ids start with `p-`, so it cannot clash. */
const noProject = '-';
const fields = ['projectId'] as const;

interface MoveNamespaceModalProps {
  clusterId: string;
  /** The namespace to move; the dialog is open while one is given. */
  namespace: ProjectNamespace | undefined;
  /** Projects the person may move namespaces into. */
  targets: readonly Project[];
  /** Whether the person may take namespaces out of every project. */
  mayUnassign: boolean;
  onClose: () => void;
}

export function MoveNamespaceModal({ clusterId, namespace, targets, mayUnassign, onClose }: MoveNamespaceModalProps) {
  const { t } = useTranslation('access');
  return (
    <Modal
      opened={namespace !== undefined}
      onClose={onClose}
      title={t('namespaces.move.title', { namespace: namespace?.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      {namespace && (
        <MoveNamespaceForm
          key={namespace.name}
          clusterId={clusterId}
          namespace={namespace}
          targets={targets.filter((project) => project.id !== namespace.projectId)}
          mayUnassign={mayUnassign && namespace.projectId !== null}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

interface MoveNamespaceFormProps {
  clusterId: string;
  namespace: ProjectNamespace;
  targets: readonly Project[];
  mayUnassign: boolean;
  onDone: () => void;
}

function MoveNamespaceForm({ clusterId, namespace, targets, mayUnassign, onDone }: MoveNamespaceFormProps) {
  const { t } = useTranslation('access');
  const move = useMoveNamespace();
  const serverError = useFieldError(move.error, fields);
  const [target, setTarget] = useState<string | null>(null);
  const options = [
    ...targets.map((project) => ({ value: project.id, label: project.name })),
    ...(mayUnassign ? [{ value: noProject, label: t('namespaces.unassigned.title') }] : []),
  ];
  const fieldError = serverError('projectId');
  return (
    <Stack gap="md">
      <Text size="sm">{t('namespaces.move.body', { namespace: namespace.name })}</Text>
      {move.error && !fieldError && (
        <Alert color="red" title={t('namespaces.move.failed')} role="alert">
          {move.error.message}
        </Alert>
      )}
      <Select
        label={t('namespaces.move.target')}
        data={options}
        value={target}
        onChange={setTarget}
        required
        data-autofocus
        nothingFoundMessage={t('namespaces.move.noTargets')}
        comboboxProps={{ withinPortal: true }}
        error={fieldError}
        description={options.length === 0 ? t('namespaces.move.noTargets') : undefined}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('dialog.cancel')}
        </Button>
        <Button
          disabled={target === null}
          loading={move.isPending}
          onClick={() =>
            target &&
            move.mutate(
              { clusterId, namespace: namespace.name, projectId: target === noProject ? null : target },
              { onSuccess: onDone },
            )
          }
        >
          {t('namespaces.move.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
