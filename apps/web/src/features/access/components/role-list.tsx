import { GlobalPermission, type Me, type RoleTemplate } from '@bokujo/shared';
import { Badge, Center, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGlobalRoles } from '../api/get-global-roles';
import { useRoleTemplates } from '../api/get-role-templates';
import { useRoleLabels } from '../hooks/use-role-labels';
import { CreateGlobalRoleModal } from './create-global-role-modal';
import { GuardedButton } from './guarded-button';
import { PageHeader } from '@/components/page-header';
import { RequestError } from './request-error';

/** The Roles page: global roles, then the cluster and project role templates, with what each grants. */
export function RoleList({ me }: { me: Me }) {
  const { t } = useTranslation('access');
  const [creating, setCreating] = useState(false);
  const mayManage = me.permissions.includes(GlobalPermission.rolesManage);
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('roles.title')}
        intro={t('roles.intro')}
        actions={
          <GuardedButton
            deniedReason={mayManage ? undefined : t('roles.denied.create')}
            onClick={() => setCreating(true)}
          >
            {t('roles.create.open')}
          </GuardedButton>
        }
      />
      <GlobalRoles />
      <Templates context="cluster" />
      <Templates context="project" />
      <CreateGlobalRoleModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function KindBadge({ builtIn }: { builtIn: boolean }) {
  const { t } = useTranslation('access');
  return (
    <Badge variant="outline" color={builtIn ? 'gray' : 'teal'}>
      {builtIn ? t('roles.builtIn') : t('roles.custom')}
    </Badge>
  );
}

function Permissions({ permissions, empty }: { permissions: readonly string[]; empty: string }) {
  const labels = useRoleLabels();
  if (permissions.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Group gap={4}>
      {permissions.map((permission) => (
        <Badge key={permission} variant="light" tt="none">
          {labels.permission(permission)}
        </Badge>
      ))}
    </Group>
  );
}

function GlobalRoles() {
  const { t } = useTranslation('access');
  const labels = useRoleLabels();
  const roles = useGlobalRoles();
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('roles.global.title')}
      </Title>
      {roles.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('roles.loading')} />
        </Center>
      ) : roles.isError ? (
        <RequestError error={roles.error} title={t('roles.failed')} onRetry={() => void roles.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="30%">{t('roles.column.name')}</Table.Th>
                <Table.Th w={120}>{t('roles.column.kind')}</Table.Th>
                <Table.Th>{t('roles.column.permissions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.map((role) => (
                <Table.Tr key={role.id}>
                  <Table.Td>
                    <Text fw={500}>{labels.globalRole(role.id)}</Text>
                    <Code>{role.id}</Code>
                  </Table.Td>
                  <Table.Td>
                    <KindBadge builtIn={role.builtIn} />
                  </Table.Td>
                  <Table.Td>
                    <Permissions permissions={role.permissions} empty={t('roles.global.signInOnly')} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** `rbac.authorization.k8s.io/aggregate-to-edit` → `edit`: the Kubernetes role it follows. */
const aggregatedRole = (label: string) => label.split('aggregate-to-')[1] ?? label;

function Rules({ template }: { template: RoleTemplate }) {
  const { t } = useTranslation('access');
  const lines = [
    ...(template.aggregateFrom ?? []).map((label) => t('roles.rules.aggregate', { role: aggregatedRole(label) })),
    ...template.rules.map((rule) =>
      t('roles.rules.rule', {
        verbs: rule.verbs.join(', '),
        resources: (rule.resources ?? rule.nonResourceURLs ?? []).join(', '),
      }),
    ),
  ];
  if (lines.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('roles.rules.none')}
      </Text>
    );
  return (
    <Stack gap={2}>
      {lines.map((line, index) => (
        <Text key={index} size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}

function Templates({ context }: { context: RoleTemplate['context'] }) {
  const { t } = useTranslation('access');
  const labels = useRoleLabels();
  const templates = useRoleTemplates();
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {context === 'cluster' ? t('roles.cluster.title') : t('roles.project.title')}
      </Title>
      {templates.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('roles.loading')} />
        </Center>
      ) : templates.isError ? (
        <RequestError error={templates.error} title={t('roles.failed')} onRetry={() => void templates.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={880}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="22%">{t('roles.column.name')}</Table.Th>
                <Table.Th w={120}>{t('roles.column.kind')}</Table.Th>
                <Table.Th w="28%">{t('roles.column.bokujoPermissions')}</Table.Th>
                <Table.Th>{t('roles.column.rules')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data
                .filter((template) => template.context === context)
                .map((template) => (
                  <Table.Tr key={template.id}>
                    <Table.Td>
                      <Text fw={500}>{labels.template(template.id)}</Text>
                      <Code>{template.id}</Code>
                    </Table.Td>
                    <Table.Td>
                      <KindBadge builtIn={template.builtIn} />
                    </Table.Td>
                    <Table.Td>
                      <Permissions permissions={template.permissions} empty={t('roles.kubernetesOnly')} />
                    </Table.Td>
                    <Table.Td>
                      <Rules template={template} />
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
