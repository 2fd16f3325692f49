import { Alert, Button, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './change-password-form';

interface ChangePasswordDialogProps {
  username: string;
  onClose: () => void;
}

/** The user menu's "change password": the form, then a confirmation once the server took it. */
export function ChangePasswordDialog({ username, onClose }: ChangePasswordDialogProps) {
  const { t } = useTranslation('auth');
  const [changed, setChanged] = useState(false);

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('password.title')}
      size="md"
      closeButtonProps={{ 'aria-label': t('password.close') }}
    >
      {changed ? (
        <Stack gap="md">
          <Alert color="green" title={t('password.changedTitle')}>
            {t('password.changedBody')}
          </Alert>
          <Button onClick={onClose} data-autofocus>
            {t('password.close')}
          </Button>
        </Stack>
      ) : (
        <ChangePasswordForm
          username={username}
          onDone={() => setChanged(true)}
          secondaryAction={
            <Button variant="default" onClick={onClose}>
              {t('password.cancel')}
            </Button>
          }
        />
      )}
    </Modal>
  );
}
