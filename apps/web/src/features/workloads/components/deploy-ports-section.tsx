import { Accordion, ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { PortDraft, ServiceType, WorkloadDraft } from '../utils/workload-draft';

const serviceTypes: ServiceType[] = ['None', 'ClusterIP', 'NodePort', 'LoadBalancer'];
const newPort: PortDraft = { name: '', containerPort: '', protocol: 'TCP', serviceType: 'ClusterIP', nodePort: '' };

/** Container ports, and for each the Service (if any) that exposes it. */
export function PortsSection({ form }: { form: UseFormReturnType<WorkloadDraft> }) {
  const { t } = useTranslation('deploy');
  const ports = form.getValues().ports;
  return (
    <Accordion.Item value="ports">
      <Accordion.Control>{t('section.ports')}</Accordion.Control>
      <Accordion.Panel>
        <Stack gap="xs">
          {ports.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('hint.noPorts')}
            </Text>
          )}
          {ports.map((port, index) => (
            <Group key={index} align="flex-start" wrap="nowrap" gap="xs">
              <TextInput label={t('field.portName')} w={130} {...form.getInputProps(`ports.${index}.name`)} />
              <NumberInput
                label={t('field.containerPort')}
                withAsterisk
                w={120}
                min={1}
                max={65535}
                {...form.getInputProps(`ports.${index}.containerPort`)}
              />
              <Select
                label={t('field.protocol')}
                w={90}
                data={['TCP', 'UDP']}
                allowDeselect={false}
                {...form.getInputProps(`ports.${index}.protocol`)}
              />
              <Select
                label={t('field.serviceType')}
                w={170}
                data={serviceTypes.map((type) => ({ value: type, label: t(`serviceType.${type}`) }))}
                allowDeselect={false}
                {...form.getInputProps(`ports.${index}.serviceType`)}
              />
              {port.serviceType === 'NodePort' && (
                <NumberInput
                  label={t('field.nodePort')}
                  w={120}
                  placeholder={t('hint.nodePortAuto')}
                  {...form.getInputProps(`ports.${index}.nodePort`)}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={t('removePort', { number: index + 1 })}
                onClick={() => form.removeListItem('ports', index)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="default" size="xs" onClick={() => form.insertListItem('ports', { ...newPort })}>
              {t('addPort')}
            </Button>
          </Group>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
