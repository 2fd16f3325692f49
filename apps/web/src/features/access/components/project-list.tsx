import type { Me, Project, ProjectNamespace } from '@bokujo/shared';
import { Anchor, Badge, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useProjectNamespaces } from '@/lib/projects/get-project-namespaces';
import { useProjects } from '../api/get-projects';
import { useUnassignedNamespaces } from '../api/get-unassigned-namespaces';
import { type ScopedRights, useScopedRights } from '../hooks/use-scoped-rights';
import { can } from '../utils/scoped-rights';
import { CreateProjectModal } from './create-project-modal';
import { GuardedButton } from './guarded-button';
import { NamespaceTable } from './namespace-table';
import { PageHeader } from '@/components/page-header';
import { RequestError } from './request-error';
import { useProjectActions } from '../hooks/use-project-actions';

/** Projects/Namespaces of one cluster, as in Rancher: each project with its namespaces. */
export function ProjectList({ me, clusterId }: { me: Me; clusterId: string }) {
  const { t } = useTranslation('access');
  const projects = useProjects(clusterId);
  const projectIds = (projects.data ?? []).map((project) => project.id);
  const rights = useScopedRights(me, clusterId, projectIds);
  const actions = useProjectActions(clusterId, projects.data ?? [], rights);
  const [creating, setCreating] = useState(false);
  const mayCreate = can(rights.cluster, 'projects:create');
  const maySeeAll = can(rights.cluster, 'projects:view-all') || can(rights.cluster, 'projects:manage-all');

  return (
    <Stack gap="md">
      <PageHeader
        title={t('projects.title')}
        intro={t('projects.intro')}
        actions={
          <GuardedButton
            deniedReason={mayCreate ? undefined : t('projects.denied.create')}
            onClick={() => setCreating(true)}
          >
            {t('projects.create.open')}
          </GuardedButton>
        }
      />
      {projects.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('projects.loading')} />
        </Center>
      ) : projects.isError ? (
        <RequestError error={projects.error} title={t('projects.failed')} onRetry={() => void projects.refetch()} />
      ) : projects.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('projects.empty')}
        </Text>
      ) : (
        projects.data.map((project) => (
          <ProjectSection key={project.id} project={project} rights={rights} actions={actions} />
        ))
      )}
      {maySeeAll && <UnassignedSection clusterId={clusterId} rights={rights} onMove={actions.startMove} />}
      <CreateProjectModal clusterId={clusterId} opened={creating} onClose={() => setCreating(false)} />
      {actions.modals}
    </Stack>
  );
}

interface ProjectSectionProps {
  project: Project;
  rights: ScopedRights;
  actions: ReturnType<typeof useProjectActions>;
}

function ProjectSection({ project, rights, actions }: ProjectSectionProps) {
  const { t } = useTranslation('access');
  const namespaces = useProjectNamespaces(project.id);
  const mayManage = can(rights.project(project.id), 'project:manage');
  const manageDenied = mayManage ? undefined : t('projects.denied.manage', { name: project.name });
  const headingId = `project-${project.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Stack gap={2} miw={0}>
            <Group gap="xs" wrap="nowrap">
              <Title order={3} size="h5" id={headingId} miw={0}>
                <Anchor component={Link} to={paths.project.getHref(project.clusterId, project.id)} inherit>
                  {project.name}
                </Anchor>
              </Title>
              {project.kind !== 'user' && (
                <Badge variant="outline" color="gray" style={{ flexShrink: 0 }}>
                  {project.kind === 'system' ? t('projects.kind.system') : t('projects.kind.default')}
                </Badge>
              )}
            </Group>
            {project.description && (
              <Text size="sm" c="dimmed" lineClamp={2}>
                {project.description}
              </Text>
            )}
          </Stack>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <GuardedButton
              size="xs"
              variant="default"
              deniedReason={manageDenied}
              onClick={() => actions.startCreateNamespace(project)}
              aria-label={t('namespaces.create.label', { project: project.name })}
            >
              {t('namespaces.create.open')}
            </GuardedButton>
            <GuardedButton
              size="xs"
              variant="default"
              color="red"
              deniedReason={
                project.kind !== 'user' ? t('projects.denied.builtIn', { name: project.name }) : manageDenied
              }
              onClick={() => actions.startDelete(project, namespaces.data?.length ?? 0)}
              aria-label={t('projects.delete.label', { name: project.name })}
            >
              {t('projects.delete.open')}
            </GuardedButton>
          </Group>
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
      </Stack>
    </Paper>
  );
}

interface UnassignedSectionProps {
  clusterId: string;
  rights: ScopedRights;
  onMove: (namespace: ProjectNamespace) => void;
}

/** Namespaces in no project, e.g. those a deleted project left behind. */
function UnassignedSection({ clusterId, rights, onMove }: UnassignedSectionProps) {
  const { t } = useTranslation('access');
  const namespaces = useUnassignedNamespaces(clusterId, { enabled: true });
  // Kubernetes may refuse the list even so (a custom role); then the section says nothing.
  if (!namespaces.data || namespaces.data.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="unassigned-namespaces">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id="unassigned-namespaces">
            {t('namespaces.unassigned.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('namespaces.unassigned.intro')}
          </Text>
        </Stack>
        <NamespaceTable
          namespaces={namespaces.data}
          onMove={onMove}
          moveDeniedReason={can(rights.cluster, 'projects:manage-all') ? undefined : t('namespaces.denied.unassigned')}
        />
      </Stack>
    </Paper>
  );
}
