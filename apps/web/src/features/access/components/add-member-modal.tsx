import { GlobalPermission, type Me } from '@bokujo/shared';
import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { namesAField } from '@/lib/field-errors';
import { useAddMember } from '../api/add-member';
import type { MemberScope } from '../api/member-scope';
import { useRoleTemplates } from '../api/get-role-templates';
import { useUsers } from '../api/get-users';
import { useFieldError } from '../hooks/use-field-error';
import { useRoleLabels } from '../hooks/use-role-labels';

const fields = ['subject', 'roleTemplateId'] as const;

interface AddMemberModalProps {
  me: Me;
  scope: MemberScope;
  opened: boolean;
  onClose: () => void;
}

/** Gives a user (by username) or a directory group a cluster or project role. */
export function AddMemberModal({ me, scope, opened, onClose }: AddMemberModalProps) {
  const { t } = useTranslation('access');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={scope.kind === 'cluster' ? t('members.add.clusterTitle') : t('members.add.projectTitle')}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      {opened && <AddMemberForm me={me} scope={scope} onDone={onClose} />}
    </Modal>
  );
}

function AddMemberForm({ me, scope, onDone }: { me: Me; scope: MemberScope; onDone: () => void }) {
  const { t } = useTranslation('access');
  const labels = useRoleLabels();
  const templates = useRoleTemplates();
  // Only people who manage users may list them; everyone else types the username.
  const users = useUsers({ enabled: me.permissions.includes(GlobalPermission.usersManage) });
  const add = useAddMember();
  const serverError = useFieldError(add.error, fields);
  const form = useForm({
    initialValues: {
      subjectKind: 'user' as 'user' | 'group',
      subject: '',
      roleTemplateId: scope.kind === 'cluster' ? 'cluster-member' : 'project-member',
    },
    validate: {
      subject: (value) => (value.trim() ? null : t('members.problem.subject')),
      roleTemplateId: (value) => (value ? null : t('members.problem.role')),
    },
  });
  const submit = form.onSubmit((values) =>
    add.mutate({ scope, body: { ...values, subject: values.subject.trim() } }, { onSuccess: onDone }),
  );
  const roleOptions = (templates.data ?? [])
    .filter((template) => template.context === scope.kind)
    .map((template) => ({ value: template.id, label: labels.template(template.id) }));
  const failure = add.error && !namesAField(add.error, fields) ? add.error : null;
  const isUser = form.values.subjectKind === 'user';
  const subjectProps = {
    label: isUser ? t('members.field.user') : t('members.field.group'),
    description: isUser ? t('members.field.userHint') : t('members.field.groupHint'),
    required: true,
    autoComplete: 'off',
    ...form.getInputProps('subject'),
    error: form.errors['subject'] ?? serverError('subject'),
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {failure && (
          <Alert color="red" title={t('members.add.failed')} role="alert">
            {failure.message}
          </Alert>
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="member-kind-label">
            {t('members.field.kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="member-kind-label"
            data={[
              { value: 'user', label: t('members.kind.user') },
              { value: 'group', label: t('members.kind.group') },
            ]}
            {...form.getInputProps('subjectKind')}
          />
        </Stack>
        {isUser ? (
          <Autocomplete
            {...subjectProps}
            data-autofocus
            data={(users.data ?? []).filter((user) => user.enabled).map((user) => user.username)}
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <TextInput {...subjectProps} />
        )}
        <Select
          label={t('members.field.role')}
          required
          data={roleOptions}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('roleTemplateId')}
          error={form.errors['roleTemplateId'] ?? serverError('roleTemplateId') ?? templates.error?.message}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('dialog.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('members.add.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
