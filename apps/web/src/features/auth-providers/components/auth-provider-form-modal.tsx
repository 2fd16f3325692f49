import { AuthProviderIdSchema, type AuthProvider, type AuthProviderKind, groupPrefix } from '@bokujo/shared';
import {
  Alert,
  Button,
  Code,
  Fieldset,
  Group,
  Modal,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { namesAField } from '@/lib/field-errors';
import { schemaKeywords } from '@/lib/schema-keywords';
import { useCreateAuthProvider } from '../api/create-auth-provider';
import { useUpdateAuthProvider } from '../api/update-auth-provider';
import { useFieldError } from '../hooks/use-field-error';
import {
  draftFromProvider,
  newDraft,
  principalPattern,
  type ProviderDraft,
  splitPrincipals,
  toCreateBody,
  toUpdateBody,
} from '../utils/provider-draft';
import { LdapSettingsFields } from './ldap-settings-fields';
import { OidcSettingsFields } from './oidc-settings-fields';

const idPattern = new RegExp(schemaKeywords(AuthProviderIdSchema).pattern ?? '.*');
const idMaxLength = schemaKeywords(AuthProviderIdSchema).maxLength ?? 32;

/** Every path of the form, so the server's field errors land on the right input. */
const blank = newDraft();
export const formPaths = [
  'id',
  'name',
  'kind',
  'accessMode',
  'allowedPrincipals',
  ...Object.keys(blank.oidc).map((key) => `oidc.${key}`),
  ...Object.keys(blank.ldap).map((key) => `ldap.${key}`),
] as const;

export type ProviderForm = UseFormReturnType<ProviderDraft>;
/** An input's value, change handler and error (the form's own check first, then the server's). */
export type FieldProps = (path: string, options?: { type: 'checkbox' }) => ReturnType<ProviderForm['getInputProps']>;

interface AuthProviderFormModalProps {
  /** The provider to edit; absent to add one. */
  provider?: AuthProvider | undefined;
  opened: boolean;
  /** Where the server is reached (for the redirect URI an OpenID Provider must allow). */
  serverUrl: string;
  onClose: () => void;
  onSaved: (provider: AuthProvider) => void;
}

export function AuthProviderFormModal({ provider, opened, serverUrl, onClose, onSaved }: AuthProviderFormModalProps) {
  const { t } = useTranslation('providers');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={provider ? t('admin.form.editTitle', { name: provider.name }) : t('admin.form.createTitle')}
      closeButtonProps={{ 'aria-label': t('admin.dialog.close') }}
      size="xl"
    >
      {/* Keyed so each opening starts from the provider's stored values. */}
      {opened && (
        <ProviderFormBody
          key={provider?.id ?? 'new'}
          provider={provider}
          serverUrl={serverUrl}
          onCancel={onClose}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

function ProviderFormBody({
  provider,
  serverUrl,
  onCancel,
  onSaved,
}: {
  provider: AuthProvider | undefined;
  serverUrl: string;
  onCancel: () => void;
  onSaved: (provider: AuthProvider) => void;
}) {
  const { t } = useTranslation('providers');
  const create = useCreateAuthProvider();
  const update = useUpdateAuthProvider();
  const mutation = provider ? update : create;
  const serverError = useFieldError(mutation.error, formPaths);
  const original = provider ? draftFromProvider(provider) : undefined;
  const required = (value: string) => (value.trim() ? null : t('admin.problem.required'));
  const form: ProviderForm = useForm<ProviderDraft>({
    initialValues: original ?? newDraft(),
    validate: {
      id: (value) =>
        provider
          ? null
          : !value.trim()
            ? t('admin.problem.required')
            : idPattern.test(value)
              ? null
              : t('admin.problem.id'),
      name: required,
      allowedPrincipals: (value, values) =>
        values.accessMode !== 'restricted'
          ? null
          : splitPrincipals(value).length === 0
            ? t('admin.problem.noPrincipals')
            : splitPrincipals(value).every((line) => principalPattern.test(line))
              ? null
              : t('admin.problem.principal'),
      oidc: {
        issuer: (value, values) => (values.kind === 'oidc' ? required(value) : null),
        clientId: (value, values) => (values.kind === 'oidc' ? required(value) : null),
        usernameClaim: (value, values) => (values.kind === 'oidc' ? required(value) : null),
      },
      ldap: {
        host: (value, values) => (values.kind === 'ldap' ? required(value) : null),
        bindDn: (value, values) => (values.kind === 'ldap' ? required(value) : null),
        // A new directory needs the service account's password; an edit may keep the stored one.
        bindPassword: (value, values) => (values.kind === 'ldap' && !provider ? required(value) : null),
        userSearchBase: (value, values) => (values.kind === 'ldap' ? required(value) : null),
        port: (value, values) =>
          values.kind !== 'ldap' || (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 65_535)
            ? null
            : t('admin.problem.port'),
      },
    },
  });

  const fieldProps: FieldProps = (path, options) => {
    const props = form.getInputProps(path, options);
    const ownError: unknown = props['error'];
    return { ...props, error: ownError ?? serverError(path) };
  };

  const submit = form.onSubmit((values) => {
    if (provider && original) {
      update.mutate({ providerId: provider.id, body: toUpdateBody(values, original) }, { onSuccess: onSaved });
    } else {
      create.mutate(toCreateBody(values), { onSuccess: onSaved });
    }
  });

  const { kind, id, accessMode } = form.values;
  const failure = mutation.error && !namesAField(mutation.error, formPaths) ? mutation.error : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {failure && (
          <Alert color="red" role="alert" title={provider ? t('admin.form.saveFailed') : t('admin.form.createFailed')}>
            {failure.message}
          </Alert>
        )}
        {!provider && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="provider-kind-label">
              {t('admin.field.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="provider-kind-label"
              data={(['oidc', 'ldap'] as AuthProviderKind[]).map((value) => ({
                value,
                label: t(`admin.kind.${value}`),
              }))}
              {...form.getInputProps('kind')}
            />
          </Stack>
        )}
        <Group grow align="flex-start">
          <TextInput
            label={t('admin.field.name')}
            description={t('admin.field.nameHint')}
            required
            maxLength={64}
            data-autofocus
            {...fieldProps('name')}
          />
          <TextInput
            label={t('admin.field.id')}
            description={t('admin.field.idHint', { prefix: groupPrefix(kind, id.trim() || 'id') })}
            required={!provider}
            disabled={provider !== undefined}
            maxLength={idMaxLength}
            autoCapitalize="none"
            spellCheck={false}
            {...fieldProps('id')}
          />
        </Group>
        {kind === 'oidc' ? (
          <>
            <OidcSettingsFields
              form={form}
              fieldProps={fieldProps}
              hasSecret={provider?.oidc?.hasClientSecret === true}
            />
            <Alert color="blue" variant="light" title={t('admin.oidc.redirectTitle')}>
              <Stack gap={4}>
                <Text size="sm">{t('admin.oidc.redirectBody')}</Text>
                <Code block>{`${serverUrl}/api/v1/auth/oidc/${encodeURIComponent(id.trim() || 'id')}/callback`}</Code>
                <Text size="sm">{t('admin.oidc.logoutBody')}</Text>
                <Code block>{`${serverUrl}/login`}</Code>
              </Stack>
            </Alert>
          </>
        ) : (
          <LdapSettingsFields
            form={form}
            fieldProps={fieldProps}
            hasPassword={provider?.ldap?.hasBindPassword === true}
          />
        )}
        <Fieldset legend={t('admin.access.legend')}>
          <Stack gap="sm">
            <Radio.Group {...fieldProps('accessMode')}>
              <Stack gap="xs">
                <Radio value="any" label={t('admin.access.any')} description={t('admin.access.anyHint')} />
                <Radio
                  value="restricted"
                  label={t('admin.access.restricted')}
                  description={t('admin.access.restrictedHint')}
                />
              </Stack>
            </Radio.Group>
            {accessMode === 'restricted' && (
              <Textarea
                label={t('admin.field.allowedPrincipals')}
                description={t('admin.field.allowedPrincipalsHint')}
                autosize
                minRows={3}
                spellCheck={false}
                placeholder={'user:alice\ngroup:developers'}
                {...fieldProps('allowedPrincipals')}
              />
            )}
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('admin.dialog.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {provider ? t('admin.form.save') : t('admin.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
