import { oidcPresetNames } from '@bokujo/shared';
import {
  Alert,
  Checkbox,
  Fieldset,
  Group,
  PasswordInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { withPreset } from '../utils/provider-draft';
import type { FieldProps, ProviderForm } from './auth-provider-form-modal';

interface OidcSettingsFieldsProps {
  form: ProviderForm;
  fieldProps: FieldProps;
  /** Editing a provider whose client secret is stored: an empty field keeps it. */
  hasSecret: boolean;
}

/** Issuer, client and claims of an OpenID Provider; a preset fills the usual claims. */
export function OidcSettingsFields({ form, fieldProps, hasSecret }: OidcSettingsFieldsProps) {
  const { t } = useTranslation('providers');
  const { preset, insecureSkipTlsVerify } = form.values.oidc;
  return (
    <Fieldset legend={t('admin.kind.oidc')}>
      <Stack gap="sm">
        <Select
          label={t('admin.field.preset')}
          data={oidcPresetNames.map((value) => ({ value, label: t(`admin.preset.${value}`) }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          value={preset}
          onChange={(value) => value && form.setFieldValue('oidc', withPreset(form.values.oidc, value))}
        />
        <Text size="xs" c="dimmed">
          {t(`admin.presetHint.${preset}`)}
        </Text>
        <TextInput
          label={t('admin.field.issuer')}
          description={t('admin.field.issuerHint')}
          required
          placeholder="https://idp.example.com/realms/main"
          spellCheck={false}
          {...fieldProps('oidc.issuer')}
        />
        <Group grow align="flex-start">
          <TextInput label={t('admin.field.clientId')} required spellCheck={false} {...fieldProps('oidc.clientId')} />
          <PasswordInput
            label={t('admin.field.clientSecret')}
            description={hasSecret ? t('admin.field.secretKeep') : t('admin.field.clientSecretHint')}
            placeholder={hasSecret ? t('admin.field.secretStored') : undefined}
            autoComplete="new-password"
            visibilityToggleButtonProps={{ 'aria-label': t('admin.field.toggleSecret') }}
            {...fieldProps('oidc.clientSecret')}
          />
        </Group>
        <TextInput
          label={t('admin.field.scopes')}
          description={t('admin.field.scopesHint')}
          spellCheck={false}
          {...fieldProps('oidc.scopes')}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('admin.field.usernameClaim')}
            required
            spellCheck={false}
            {...fieldProps('oidc.usernameClaim')}
          />
          <TextInput
            label={t('admin.field.groupsClaim')}
            description={t('admin.field.groupsClaimHint')}
            spellCheck={false}
            {...fieldProps('oidc.groupsClaim')}
          />
          <TextInput
            label={t('admin.field.displayNameClaim')}
            spellCheck={false}
            {...fieldProps('oidc.displayNameClaim')}
          />
        </Group>
        <Textarea
          label={t('admin.field.caCertificate')}
          description={t('admin.field.caCertificateHint')}
          autosize
          minRows={2}
          maxRows={8}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          placeholder="-----BEGIN CERTIFICATE-----"
          {...fieldProps('oidc.caCertificate')}
        />
        <Checkbox
          label={t('admin.field.insecure')}
          {...fieldProps('oidc.insecureSkipTlsVerify', { type: 'checkbox' })}
        />
        {insecureSkipTlsVerify && (
          <Alert color="orange" role="status" title={t('admin.warning.title')}>
            {t('admin.warning.oidcInsecure')}
          </Alert>
        )}
      </Stack>
    </Fieldset>
  );
}
