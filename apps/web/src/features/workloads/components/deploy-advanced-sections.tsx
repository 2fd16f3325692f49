import {
  Accordion,
  ActionIcon,
  Button,
  Grid,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ProbeType, TolerationDraft, WorkloadDraft } from '../utils/workload-draft';

type Form = UseFormReturnType<WorkloadDraft>;
type KeyValueField = 'nodeSelector' | 'labels' | 'annotations';

/** Command, resources, health checks, scheduling, upgrade policy, labels: what most deploys leave alone. */
export function AdvancedSections({ form }: { form: Form }) {
  const { t } = useTranslation('deploy');
  const { kind } = form.getValues();
  return (
    <>
      <Accordion.Item value="command">
        <Accordion.Control>{t('section.command')}</Accordion.Control>
        <Accordion.Panel>
          <Grid>
            <Grid.Col span={6}>
              <Textarea
                label={t('field.command')}
                description={t('hint.onePerLine')}
                autosize
                minRows={2}
                {...form.getInputProps('command')}
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <Textarea
                label={t('field.args')}
                description={t('hint.onePerLine')}
                autosize
                minRows={2}
                {...form.getInputProps('args')}
              />
            </Grid.Col>
          </Grid>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="resources">
        <Accordion.Control>{t('section.resources')}</Accordion.Control>
        <Accordion.Panel>
          <Grid>
            {(['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit'] as const).map((field) => (
              <Grid.Col span={3} key={field}>
                <TextInput
                  label={t(`field.${field}`)}
                  placeholder={field.startsWith('cpu') ? '250m' : '256Mi'}
                  {...form.getInputProps(`resources.${field}`)}
                />
              </Grid.Col>
            ))}
          </Grid>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="health">
        <Accordion.Control>{t('section.health')}</Accordion.Control>
        <Accordion.Panel>
          <Stack>
            <ProbeFields form={form} which="readinessProbe" />
            <ProbeFields form={form} which="livenessProbe" />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="scheduling">
        <Accordion.Control>{t('section.scheduling')}</Accordion.Control>
        <Accordion.Panel>
          <Stack>
            <KeyValueList form={form} field="nodeSelector" title={t('field.nodeSelector')} />
            <Tolerations form={form} />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      {(kind === 'Deployment' || kind === 'StatefulSet') && (
        <Accordion.Item value="upgrade">
          <Accordion.Control>{t('section.upgrade')}</Accordion.Control>
          <Accordion.Panel>
            <Grid>
              <Grid.Col span={12}>
                <SegmentedControl
                  aria-label={t('field.strategy')}
                  data={(['RollingUpdate', 'Recreate'] as const).map((strategy) => ({
                    value: strategy,
                    label: t(`strategy.${kind}.${strategy}`),
                  }))}
                  {...form.getInputProps('strategy')}
                />
              </Grid.Col>
              {kind === 'Deployment' && form.getValues().strategy === 'RollingUpdate' && (
                <>
                  <Grid.Col span={4}>
                    <TextInput label={t('field.maxSurge')} {...form.getInputProps('maxSurge')} />
                  </Grid.Col>
                  <Grid.Col span={4}>
                    <TextInput label={t('field.maxUnavailable')} {...form.getInputProps('maxUnavailable')} />
                  </Grid.Col>
                </>
              )}
              {kind === 'StatefulSet' && (
                <>
                  <Grid.Col span={4}>
                    <NumberInput label={t('field.partition')} min={0} {...form.getInputProps('partition')} />
                  </Grid.Col>
                  <Grid.Col span={4}>
                    <Select
                      label={t('field.podManagementPolicy')}
                      data={(['OrderedReady', 'Parallel'] as const).map((policy) => ({
                        value: policy,
                        label: t(`podManagementPolicy.${policy}`),
                      }))}
                      allowDeselect={false}
                      {...form.getInputProps('podManagementPolicy')}
                    />
                  </Grid.Col>
                </>
              )}
            </Grid>
          </Accordion.Panel>
        </Accordion.Item>
      )}

      <Accordion.Item value="labels">
        <Accordion.Control>{t('section.labels')}</Accordion.Control>
        <Accordion.Panel>
          <Stack>
            <KeyValueList form={form} field="labels" title={t('field.labels')} />
            <KeyValueList form={form} field="annotations" title={t('field.annotations')} />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </>
  );
}

function ProbeFields({ form, which }: { form: Form; which: 'readinessProbe' | 'livenessProbe' }) {
  const { t } = useTranslation('deploy');
  const probe = form.getValues()[which];
  return (
    <Group align="flex-start" gap="xs" wrap="nowrap">
      <Select
        label={t(`field.${which}`)}
        w={200}
        data={(['none', 'http', 'tcp', 'exec'] as ProbeType[]).map((type) => ({
          value: type,
          label: t(`probe.${type}`),
        }))}
        allowDeselect={false}
        {...form.getInputProps(`${which}.type`)}
      />
      {probe.type === 'http' && (
        <TextInput label={t('field.probePath')} w={160} {...form.getInputProps(`${which}.path`)} />
      )}
      {(probe.type === 'http' || probe.type === 'tcp') && (
        <NumberInput label={t('field.probePort')} w={110} {...form.getInputProps(`${which}.port`)} />
      )}
      {probe.type === 'exec' && (
        <Textarea
          label={t('field.probeCommand')}
          description={t('hint.onePerLine')}
          autosize
          style={{ flex: 1 }}
          {...form.getInputProps(`${which}.command`)}
        />
      )}
    </Group>
  );
}

function KeyValueList({ form, field, title }: { form: Form; field: KeyValueField; title: string }) {
  const { t } = useTranslation('deploy');
  const entries = form.getValues()[field];
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      {entries.map((_, index) => (
        <Group key={index} gap="xs" wrap="nowrap">
          <TextInput
            aria-label={t('keyOf', { title, number: index + 1 })}
            placeholder={t('field.key')}
            w={220}
            {...form.getInputProps(`${field}.${index}.key`)}
          />
          <TextInput
            aria-label={t('valueOf', { title, number: index + 1 })}
            placeholder={t('field.value')}
            style={{ flex: 1 }}
            {...form.getInputProps(`${field}.${index}.value`)}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('removeEntry', { title, number: index + 1 })}
            onClick={() => form.removeListItem(field, index)}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => form.insertListItem(field, { key: '', value: '' })}>
          {t('addEntry', { title })}
        </Button>
      </Group>
    </Stack>
  );
}

const newToleration: TolerationDraft = { key: '', operator: 'Equal', value: '', effect: '' };

function Tolerations({ form }: { form: Form }) {
  const { t } = useTranslation('deploy');
  const tolerations = form.getValues().tolerations;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('field.tolerations')}
      </Text>
      {tolerations.map((toleration, index) => (
        <Group key={index} gap="xs" wrap="nowrap">
          <TextInput
            aria-label={t('field.tolerationKey')}
            placeholder={t('field.key')}
            w={180}
            {...form.getInputProps(`tolerations.${index}.key`)}
          />
          <Select
            aria-label={t('field.tolerationOperator')}
            w={110}
            data={['Equal', 'Exists']}
            allowDeselect={false}
            {...form.getInputProps(`tolerations.${index}.operator`)}
          />
          {toleration.operator === 'Equal' && (
            <TextInput
              aria-label={t('field.value')}
              placeholder={t('field.value')}
              w={140}
              {...form.getInputProps(`tolerations.${index}.value`)}
            />
          )}
          <Select
            aria-label={t('field.tolerationEffect')}
            w={170}
            data={[
              { value: '', label: t('effect.any') },
              ...(['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const).map((effect) => ({
                value: effect,
                label: effect,
              })),
            ]}
            allowDeselect={false}
            {...form.getInputProps(`tolerations.${index}.effect`)}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('removeToleration', { number: index + 1 })}
            onClick={() => form.removeListItem('tolerations', index)}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => form.insertListItem('tolerations', { ...newToleration })}>
          {t('addToleration')}
        </Button>
      </Group>
    </Stack>
  );
}
