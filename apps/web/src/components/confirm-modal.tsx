import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Red for what cannot be undone. */
  danger?: boolean;
  pending: boolean;
  error: Error | null;
  errorTitle: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before a consequential change; Cancel has the focus so Enter never confirms by accident. */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  danger = false,
  pending,
  error,
  errorTitle,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('dialog.close') }}>
      <Stack gap="md">
        {children}
        {error && (
          <Alert color="red" title={errorTitle} role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('dialog.cancel')}
          </Button>
          <Button color={danger ? 'red' : undefined} loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
