import { type LdapSecurity, ldapFlavourNames } from '@bokujo/shared';
import {
  Alert,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  PasswordInput,
  Radio,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { portFor, withFlavour } from '../utils/provider-draft';
import type { FieldProps, ProviderForm } from './auth-provider-form-modal';

const securities: LdapSecurity[] = ['ldaps', 'starttls', 'none'];

interface LdapSettingsFieldsProps {
  form: ProviderForm;
  fieldProps: FieldProps;
  /** Editing a directory whose service password is stored: an empty field keeps it. */
  hasPassword: boolean;
}

/** Connection, service account, and where people and their groups are found in the directory. */
export function LdapSettingsFields({ form, fieldProps, hasPassword }: LdapSettingsFieldsProps) {
  const { t } = useTranslation('providers');
  const { flavour, security, insecureSkipTlsVerify, groupMembership } = form.values.ldap;
  return (
    <>
      <Fieldset legend={t('admin.ldap.connection')}>
        <Stack gap="sm">
          <Select
            label={t('admin.field.flavour')}
            description={t('admin.field.flavourHint')}
            data={ldapFlavourNames.map((value) => ({ value, label: t(`admin.flavour.${value}`) }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            value={flavour}
            onChange={(value) => value && form.setFieldValue('ldap', withFlavour(form.values.ldap, value))}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('admin.field.host')}
              description={t('admin.field.hostHint')}
              required
              placeholder="ldap.example.com"
              spellCheck={false}
              {...fieldProps('ldap.host')}
            />
            <NumberInput
              label={t('admin.field.port')}
              required
              min={1}
              max={65_535}
              allowDecimal={false}
              {...fieldProps('ldap.port')}
            />
            <Select
              label={t('admin.field.security')}
              data={securities.map((value) => ({ value, label: t(`admin.security.${value}`) }))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...fieldProps('ldap.security')}
              onChange={(value) => {
                if (!value) return;
                form.setFieldValue('ldap.security', value as LdapSecurity);
                form.setFieldValue('ldap.port', portFor(value as LdapSecurity, form.values.ldap.port));
              }}
            />
          </Group>
          {security === 'none' && (
            <Alert color="orange" role="status" title={t('admin.warning.title')}>
              {t('admin.warning.ldapPlain')}
            </Alert>
          )}
          {security !== 'none' && (
            <>
              <Textarea
                label={t('admin.field.caCertificate')}
                description={t('admin.field.caCertificateHint')}
                autosize
                minRows={2}
                maxRows={8}
                spellCheck={false}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                placeholder="-----BEGIN CERTIFICATE-----"
                {...fieldProps('ldap.caCertificate')}
              />
              <Checkbox
                label={t('admin.field.insecure')}
                {...fieldProps('ldap.insecureSkipTlsVerify', { type: 'checkbox' })}
              />
              {insecureSkipTlsVerify && (
                <Alert color="orange" role="status" title={t('admin.warning.title')}>
                  {t('admin.warning.ldapInsecure')}
                </Alert>
              )}
            </>
          )}
          <Group grow align="flex-start">
            <TextInput
              label={t('admin.field.bindDn')}
              description={t('admin.field.bindDnHint')}
              required
              spellCheck={false}
              placeholder={
                flavour === 'activedirectory' ? 'CN=bokujo,OU=Service,DC=example,DC=com' : 'cn=bokujo,dc=example,dc=com'
              }
              {...fieldProps('ldap.bindDn')}
            />
            <PasswordInput
              label={t('admin.field.bindPassword')}
              description={hasPassword ? t('admin.field.secretKeep') : undefined}
              placeholder={hasPassword ? t('admin.field.secretStored') : undefined}
              required={!hasPassword}
              autoComplete="new-password"
              visibilityToggleButtonProps={{ 'aria-label': t('admin.field.toggleSecret') }}
              {...fieldProps('ldap.bindPassword')}
            />
          </Group>
        </Stack>
      </Fieldset>
      <Fieldset legend={t('admin.ldap.users')}>
        <Stack gap="sm">
          <TextInput
            label={t('admin.field.userSearchBase')}
            required
            spellCheck={false}
            placeholder="ou=people,dc=example,dc=com"
            {...fieldProps('ldap.userSearchBase')}
          />
          <TextInput
            label={t('admin.field.userSearchFilter')}
            description={t('admin.field.filterHint')}
            spellCheck={false}
            {...fieldProps('ldap.userSearchFilter')}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('admin.field.loginAttribute')}
              description={t('admin.field.loginAttributeHint')}
              spellCheck={false}
              {...fieldProps('ldap.loginAttribute')}
            />
            <TextInput
              label={t('admin.field.userIdAttribute')}
              description={t('admin.field.userIdAttributeHint')}
              spellCheck={false}
              {...fieldProps('ldap.userIdAttribute')}
            />
            <TextInput
              label={t('admin.field.displayNameAttribute')}
              spellCheck={false}
              {...fieldProps('ldap.displayNameAttribute')}
            />
          </Group>
        </Stack>
      </Fieldset>
      <Fieldset legend={t('admin.ldap.groups')}>
        <Stack gap="sm">
          <Radio.Group label={t('admin.field.groupMembership')} {...fieldProps('ldap.groupMembership')}>
            <Stack gap="xs" mt={4}>
              <Radio value="memberOf" label={t('admin.membership.memberOf')} />
              <Radio value="groupSearch" label={t('admin.membership.groupSearch')} />
            </Stack>
          </Radio.Group>
          <TextInput
            label={t('admin.field.groupSearchBase')}
            description={t('admin.field.groupSearchBaseHint')}
            spellCheck={false}
            placeholder="ou=groups,dc=example,dc=com"
            {...fieldProps('ldap.groupSearchBase')}
          />
          <TextInput
            label={t('admin.field.groupSearchFilter')}
            description={t('admin.field.filterHint')}
            spellCheck={false}
            {...fieldProps('ldap.groupSearchFilter')}
          />
          <Group grow align="flex-start">
            {groupMembership === 'groupSearch' && (
              <TextInput
                label={t('admin.field.groupMemberAttribute')}
                spellCheck={false}
                {...fieldProps('ldap.groupMemberAttribute')}
              />
            )}
            <TextInput
              label={t('admin.field.groupNameAttribute')}
              spellCheck={false}
              {...fieldProps('ldap.groupNameAttribute')}
            />
          </Group>
          <Checkbox
            label={t('admin.field.nestedGroups')}
            description={t('admin.field.nestedGroupsHint')}
            {...fieldProps('ldap.nestedGroups', { type: 'checkbox' })}
          />
        </Stack>
      </Fieldset>
    </>
  );
}
