import type { Me, Project } from '@bokujo/shared';
import { Anchor, Badge, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useProject } from '@/lib/projects/get-project';
import { useProjectNamespaces } from '@/lib/projects/get-project-namespaces';
import { useProjects } from '../api/get-projects';
import { useProjectActions } from '../hooks/use-project-actions';
import { useScopedRights } from '../hooks/use-scoped-rights';
import { quotaResourceKey } from '../utils/labels';
import { can } from '../utils/scoped-rights';
import { GuardedButton } from './guarded-button';
import { NamespaceTable } from './namespace-table';
import { PageHeader } from '@/components/page-header';
import { RequestError } from './request-error';

interface ProjectOverviewProps {
  me: Me;
  clusterId: string;
  projectId: string;
  /** After the project was deleted from here, e.g. to go back to the cluster's projects. */
  onDeleted: () => void;
}

/** One project: its namespaces, its quota and where to go next. */
export function ProjectOverview({ me, clusterId, projectId, onDeleted }: ProjectOverviewProps) {
  const { t } = useTranslation('access');
  const project = useProject(projectId);
  if (project.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('project.loading')} />
      </Center>
    );
  }
  if (project.isError) {
    return <RequestError error={project.error} title={t('project.failed')} onRetry={() => void project.refetch()} />;
  }
  return <ProjectDetails me={me} clusterId={clusterId} project={project.data} onDeleted={onDeleted} />;
}

interface ProjectDetailsProps {
  me: Me;
  clusterId: string;
  project: Project;
  onDeleted: () => void;
}

function ProjectDetails({ me, clusterId, project, onDeleted }: ProjectDetailsProps) {
  const { t } = useTranslation('access');
  const format = useFormatters();
  const namespaces = useProjectNamespaces(project.id);
  // The other projects are where a namespace of this one may move to.
  const projects = useProjects(clusterId);
  const all = projects.data ?? [project];
  const rights = useScopedRights(
    me,
    clusterId,
    all.map((candidate) => candidate.id),
  );
  const actions = useProjectActions(clusterId, all, rights, { onDeleted });
  const manageDenied = can(rights.project(project.id), 'project:manage')
    ? undefined
    : t('projects.denied.manage', { name: project.name });

  return (
    <Stack gap="md">
      <PageHeader
        title={project.name}
        intro={project.description || undefined}
        actions={
          <GuardedButton
            variant="default"
            color="red"
            deniedReason={project.kind !== 'user' ? t('projects.denied.builtIn', { name: project.name }) : manageDenied}
            onClick={() => actions.startDelete(project, namespaces.data?.length ?? 0)}
          >
            {t('projects.delete.open')}
          </GuardedButton>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="md">
          <Stack gap={6}>
            <Title order={3} size="h5">
              {t('project.about')}
            </Title>
            <Text size="sm">
              {t('project.kindLabel', {
                kind:
                  project.kind === 'system'
                    ? t('projects.kind.system')
                    : project.kind === 'default'
                      ? t('projects.kind.default')
                      : t('projects.kind.user'),
              })}
            </Text>
            <Text size="sm">{t('project.created', { date: format.dateTime(project.createdAt) })}</Text>
            <Text size="sm">{t('project.namespaceCount', { count: namespaces.data?.length ?? 0 })}</Text>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap={6}>
            <Title order={3} size="h5">
              {t('project.quota')}
            </Title>
            <Quota project={project} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap={6}>
            <Title order={3} size="h5">
              {t('project.links')}
            </Title>
            <Anchor component={Link} to={paths.projectMembers.getHref(clusterId, project.id)} size="sm">
              {t('project.members')}
            </Anchor>
            <Anchor component={Link} to={paths.volumeClaims.getHref(clusterId, project.id)} size="sm">
              {t('project.volumeClaims')}
            </Anchor>
            <Anchor component={Link} to={paths.pods.getHref(clusterId, { project: project.id })} size="sm">
              {t('project.pods')}
            </Anchor>
            <Anchor component={Link} to={paths.projects.getHref(clusterId)} size="sm">
              {t('project.allProjects')}
            </Anchor>
          </Stack>
        </Paper>
      </SimpleGrid>
      <Group justify="space-between" align="center">
        <Title order={3} size="h4">
          {t('project.namespaces')}
        </Title>
        <GuardedButton
          size="xs"
          variant="default"
          deniedReason={manageDenied}
          onClick={() => actions.startCreateNamespace(project)}
        >
          {t('namespaces.create.open')}
        </GuardedButton>
      </Group>
      {namespaces.isPending ? (
        <Loader size="sm" aria-label={t('namespaces.loading', { project: project.name })} />
      ) : namespaces.isError ? (
        <RequestError
          error={namespaces.error}
          title={t('namespaces.failed')}
          onRetry={() => void namespaces.refetch()}
        />
      ) : namespaces.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('namespaces.empty')}
        </Text>
      ) : (
        <NamespaceTable namespaces={namespaces.data} onMove={actions.startMove} moveDeniedReason={manageDenied} />
      )}
      {actions.modals}
    </Stack>
  );
}

function Quota({ project }: { project: Project }) {
  const { t } = useTranslation('access');
  const total = project.resourceQuota ?? {};
  const each = project.namespaceDefaultQuota ?? {};
  const resources = [...new Set([...Object.keys(total), ...Object.keys(each)])];
  if (resources.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('project.noQuota')}
      </Text>
    );
  }
  const value = (quota: Record<string, string | undefined>, resource: string) =>
    quota[resource] ?? t('project.unlimited');
  return (
    <Table verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('project.quotaColumn.resource')}</Table.Th>
          <Table.Th ta="right">{t('project.quotaColumn.project')}</Table.Th>
          <Table.Th ta="right">{t('project.quotaColumn.namespace')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {resources.map((resource) => {
          const key = quotaResourceKey(resource);
          return (
            <Table.Tr key={resource}>
              <Table.Td>{key ? t(`quota.${key}`) : resource}</Table.Td>
              <Table.Td ta="right">
                <Badge variant="light" tt="none">
                  {value(total, resource)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{value(each, resource)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
