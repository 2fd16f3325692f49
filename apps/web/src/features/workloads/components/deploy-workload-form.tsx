import { type DeployWorkloadBody, type FieldError, workloadKinds, type WorkloadKind } from '@bokujo/shared';
import {
  Accordion,
  Alert,
  Button,
  Grid,
  Group,
  List,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';
import { isApiError } from '@/lib/api-client';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { useDeployWorkload } from '../api/deploy-workload';
import { useUpdateWorkload } from '../api/update-workload';
import {
  applyDraft,
  checkDraft,
  emptyWorkloadDraft,
  hasReplicas,
  toManifests,
  type WorkloadDraft,
} from '../utils/workload-draft';
import { AdvancedSections } from './deploy-advanced-sections';
import { formFieldOf } from './deploy-field-errors';
import { EnvironmentSection } from './deploy-environment-section';
import { PortsSection } from './deploy-ports-section';
import { VolumesSection } from './deploy-volumes-section';

/** What the page plugs in from the storage feature: Rancher's "Add a new persistent volume (claim)" dialog. */
export interface NewClaimDialogProps {
  opened: boolean;
  namespace: string;
  onClose: () => void;
  onAdd: (claim: KubePersistentVolumeClaim) => void;
}

interface DeployWorkloadFormProps {
  clusterId: string;
  /** The project's namespaces: the workload goes into one of them. */
  namespaces: string[];
  initialDraft?: Partial<WorkloadDraft>;
  /** Edit: the object as Kubernetes has it; the form changes only what it shows and keeps the rest. */
  original?: Record<string, unknown>;
  renderNewClaimDialog: (props: NewClaimDialogProps) => ReactNode;
  /** Offered next to the namespace select ("Add a new namespace"), if the page can create one. */
  namespaceAction?: ReactNode;
  onDeployed: (draft: WorkloadDraft) => void;
  onCancel: () => void;
}

const kinds = Object.keys(workloadKinds) as WorkloadKind[];

/** Rancher's "Deploy Workload": every field checked as it is typed, a live YAML preview, one submit. */
export function DeployWorkloadForm({
  clusterId,
  namespaces,
  initialDraft,
  original,
  renderNewClaimDialog,
  namespaceAction,
  onDeployed,
  onCancel,
}: DeployWorkloadFormProps) {
  const { t } = useTranslation('deploy');
  const create = useDeployWorkload(clusterId);
  const update = useUpdateWorkload(clusterId);
  const deploy = original ? update : create;
  const editing = original !== undefined;
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const form = useForm<WorkloadDraft>({
    mode: 'controlled',
    initialValues: {
      ...emptyWorkloadDraft,
      namespace: namespaces.length === 1 ? (namespaces[0] ?? '') : '',
      ...initialDraft,
    },
    validateInputOnChange: true,
    validate: (values) =>
      Object.fromEntries(
        Object.entries(checkDraft(values)).map(([field, problem]) => [field, t(`problem.${problem}`)]),
      ),
  });
  const draft = form.getValues();
  const manifests = useMemo(() => (original ? applyDraft(original, draft) : toManifests(draft)), [draft, original]);
  const yaml = useMemo(() => manifestsYaml(manifests), [manifests]);

  const submit = form.onSubmit((values) => {
    setServerErrors([]);
    const body = original ? applyDraft(original, values) : toManifests(values);
    const handlers = {
      onSuccess: () => onDeployed(values),
      onError: (error: Error) => {
        if (!isApiError(error)) return;
        const unplaced: FieldError[] = [];
        for (const fieldError of error.fieldErrors) {
          const field = formFieldOf(fieldError, body, (claimName) =>
            values.volumes.findIndex((volume) => volume.claim?.metadata.name === claimName),
          );
          if (field) form.setFieldError(field, fieldError.reason);
          else unplaced.push(fieldError);
        }
        setServerErrors(unplaced);
      },
    };
    if (original) update.mutate({ namespace: values.namespace, kind: values.kind, name: values.name, body }, handlers);
    else create.mutate({ namespace: values.namespace, body }, handlers);
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('title')}>
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Grid>
              <Grid.Col span={6}>
                <TextInput label={t('field.name')} withAsterisk autoComplete="off" {...form.getInputProps('name')} />
              </Grid.Col>
              <Grid.Col span={6}>
                <Select
                  label={t('field.kind')}
                  data={kinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
                  allowDeselect={false}
                  disabled={editing}
                  {...form.getInputProps('kind')}
                />
              </Grid.Col>
              <Grid.Col span={6}>
                <TextInput
                  label={t('field.image')}
                  description={t('hint.image')}
                  withAsterisk
                  placeholder="mongo:7.0"
                  {...form.getInputProps('image')}
                />
              </Grid.Col>
              <Grid.Col span={6}>
                <Select
                  label={t('field.namespace')}
                  withAsterisk
                  data={namespaces}
                  searchable
                  nothingFoundMessage={t('hint.noNamespace')}
                  disabled={editing}
                  {...form.getInputProps('namespace')}
                />
                {!editing && namespaceAction}
              </Grid.Col>
              <Grid.Col span={6}>
                <Select
                  label={t('field.imagePullPolicy')}
                  data={(['IfNotPresent', 'Always', 'Never'] as const).map((policy) => ({
                    value: policy,
                    label: t(`pullPolicy.${policy}`),
                  }))}
                  allowDeselect={false}
                  {...form.getInputProps('imagePullPolicy')}
                />
              </Grid.Col>
              <Grid.Col span={6}>
                {hasReplicas(draft.kind) && (
                  <NumberInput label={t('field.replicas')} min={0} max={1000} {...form.getInputProps('replicas')} />
                )}
                {draft.kind === 'CronJob' && (
                  <TextInput
                    label={t('field.schedule')}
                    description={t('hint.schedule')}
                    {...form.getInputProps('schedule')}
                  />
                )}
              </Grid.Col>
            </Grid>

            <Accordion multiple defaultValue={['ports', 'volumes']} variant="separated">
              <PortsSection form={form} />
              <EnvironmentSection form={form} />
              <VolumesSection form={form} renderNewClaimDialog={renderNewClaimDialog} />
              <AdvancedSections form={form} />
            </Accordion>

            {deploy.isError && (
              <Alert color="red" title={t('failed')} role="alert">
                <Text size="sm">{deploy.error.message}</Text>
                {serverErrors.length > 0 && (
                  <List size="sm" mt="xs">
                    {serverErrors.map((error) => (
                      <List.Item key={`${error.field}:${error.reason}`}>
                        {t('serverField', { field: error.field, reason: error.reason })}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel}>
                {t('cancel')}
              </Button>
              <Button type="submit" loading={deploy.isPending}>
                {t(editing ? 'save' : 'launch')}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Title order={3} size="h5" mb="xs">
            {t('preview')}
          </Title>
          <Text
            component="pre"
            aria-label={t('preview')}
            size="xs"
            ff="monospace"
            p="sm"
            bg="var(--mantine-color-default-hover)"
            style={{ overflow: 'auto', maxHeight: '75vh', borderRadius: 4 }}
          >
            {yaml}
          </Text>
        </Grid.Col>
      </Grid>
    </form>
  );
}

/** Claims, then the workload, then Services: the order the server creates them in. */
function manifestsYaml({ workload, volumeClaims = [], services = [] }: DeployWorkloadBody) {
  return [...volumeClaims, workload, ...services]
    .map((object) => stringify(object, { aliasDuplicateObjects: false }))
    .join('---\n');
}
