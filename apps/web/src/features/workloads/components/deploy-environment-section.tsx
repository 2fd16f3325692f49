import { Accordion, ActionIcon, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { EnvDraft, EnvSource, WorkloadDraft } from '../utils/workload-draft';

const sources: EnvSource[] = ['value', 'secretKey', 'configMapKey', 'field'];
const newVariable: EnvDraft = { name: '', source: 'value', value: '', objectName: '', key: '' };

/** Environment variables: a literal value, a key of a Secret or ConfigMap, or a field of the pod. */
export function EnvironmentSection({ form }: { form: UseFormReturnType<WorkloadDraft> }) {
  const { t } = useTranslation('deploy');
  const variables = form.getValues().env;
  return (
    <Accordion.Item value="environment">
      <Accordion.Control>{t('section.environment')}</Accordion.Control>
      <Accordion.Panel>
        <Stack gap="xs">
          {variables.map((variable, index) => (
            <Group key={index} align="flex-start" wrap="nowrap" gap="xs">
              <TextInput label={t('field.envName')} w={170} {...form.getInputProps(`env.${index}.name`)} />
              <Select
                label={t('field.envSource')}
                w={180}
                data={sources.map((source) => ({ value: source, label: t(`envSource.${source}`) }))}
                allowDeselect={false}
                {...form.getInputProps(`env.${index}.source`)}
              />
              {(variable.source === 'secretKey' || variable.source === 'configMapKey') && (
                <>
                  <TextInput
                    label={t(variable.source === 'secretKey' ? 'field.secretName' : 'field.configMapName')}
                    w={150}
                    {...form.getInputProps(`env.${index}.objectName`)}
                  />
                  <TextInput label={t('field.key')} w={120} {...form.getInputProps(`env.${index}.key`)} />
                </>
              )}
              {(variable.source === 'value' || variable.source === 'field') && (
                <TextInput
                  label={t(variable.source === 'field' ? 'field.fieldPath' : 'field.envValue')}
                  placeholder={variable.source === 'field' ? 'status.podIP' : undefined}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`env.${index}.value`)}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={t('removeVariable', { number: index + 1 })}
                onClick={() => form.removeListItem('env', index)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="default" size="xs" onClick={() => form.insertListItem('env', { ...newVariable })}>
              {t('addVariable')}
            </Button>
          </Group>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
