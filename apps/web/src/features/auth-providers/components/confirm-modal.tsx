import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: Error | null;
  errorTitle: string;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * Asks before disabling or deleting, both of which log people out at once. Cancel has the focus
 * so Enter never confirms by accident.
 */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  pending,
  error,
  errorTitle,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  const { t } = useTranslation('providers');
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('admin.dialog.close') }}>
      <Stack gap="md">
        {children}
        {error && (
          <Alert color="red" title={errorTitle} role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('admin.dialog.cancel')}
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
