import {
  Accordion,
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import type { VolumeDraft, VolumeSource, WorkloadDraft } from '../utils/workload-draft';
import type { NewClaimDialogProps } from './deploy-workload-form';

const otherSources: Exclude<VolumeSource, 'newClaim'>[] = ['existingClaim', 'configMap', 'secret', 'emptyDir'];

const volume = (source: VolumeSource, name: string, claim?: KubePersistentVolumeClaim): VolumeDraft => ({
  name,
  source,
  claim,
  objectName: '',
  mountPath: '',
  subPath: '',
  readOnly: false,
});

/** "Add volume": a new claim through the storage dialog, or an existing claim, ConfigMap, Secret or emptyDir. */
export function VolumesSection({
  form,
  renderNewClaimDialog,
}: {
  form: UseFormReturnType<WorkloadDraft>;
  renderNewClaimDialog: (props: NewClaimDialogProps) => ReactNode;
}) {
  const { t } = useTranslation('deploy');
  const [claimDialogOpen, setClaimDialogOpen] = useState(false);
  const { volumes, namespace, kind } = form.getValues();
  const nextName = (prefix: string) => {
    for (let number = 1; ; number++) {
      const name = `${prefix}${number}`;
      if (!volumes.some((entry) => entry.name === name)) return name;
    }
  };
  return (
    <Accordion.Item value="volumes">
      <Accordion.Control>{t('section.volumes')}</Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          {kind === 'StatefulSet' && (
            <Text size="sm" c="dimmed">
              {t('hint.claimTemplates')}
            </Text>
          )}
          {volumes.map((entry, index) => (
            <Paper key={index} withBorder p="sm">
              <Group justify="space-between" mb="xs">
                <Group gap="xs">
                  <Badge variant="light">{t(`volumeSource.${entry.source}`)}</Badge>
                  {entry.claim && (
                    <Text size="sm">
                      {t('claimSummary', {
                        name: entry.claim.metadata.name,
                        storageClass: entry.claim.spec?.storageClassName ?? entry.claim.spec?.volumeName ?? '',
                        capacity: entry.claim.spec?.resources?.requests?.storage ?? '',
                        accessModes: (entry.claim.spec?.accessModes ?? []).join(', '),
                      })}
                    </Text>
                  )}
                </Group>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('removeVolume', { name: entry.name })}
                  onClick={() => form.removeListItem('volumes', index)}
                >
                  ×
                </ActionIcon>
              </Group>
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <TextInput label={t('field.volumeName')} w={140} {...form.getInputProps(`volumes.${index}.name`)} />
                {(entry.source === 'existingClaim' || entry.source === 'configMap' || entry.source === 'secret') && (
                  <TextInput
                    label={t(`field.sourceName.${entry.source}`)}
                    w={170}
                    {...form.getInputProps(`volumes.${index}.objectName`)}
                  />
                )}
                <TextInput
                  label={t('field.mountPath')}
                  withAsterisk
                  placeholder="/data"
                  style={{ flex: 1 }}
                  {...form.getInputProps(`volumes.${index}.mountPath`)}
                />
                <TextInput label={t('field.subPath')} w={130} {...form.getInputProps(`volumes.${index}.subPath`)} />
                <Checkbox
                  label={t('field.readOnly')}
                  mt={30}
                  {...form.getInputProps(`volumes.${index}.readOnly`, { type: 'checkbox' })}
                />
              </Group>
            </Paper>
          ))}
          <Group>
            <Menu position="bottom-start">
              <Menu.Target>
                <Button variant="default" size="xs">
                  {t('addVolume')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setClaimDialogOpen(true)}>{t('addNewClaim')}</Menu.Item>
                {otherSources.map((source) => (
                  <Menu.Item
                    key={source}
                    onClick={() => form.insertListItem('volumes', volume(source, nextName('vol')))}
                  >
                    {t(`addVolumeOf.${source}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Stack>
        {renderNewClaimDialog({
          opened: claimDialogOpen,
          namespace,
          onClose: () => setClaimDialogOpen(false),
          onAdd: (claim) => {
            form.insertListItem('volumes', volume('newClaim', nextName('vol'), claim));
            setClaimDialogOpen(false);
          },
        })}
      </Accordion.Panel>
    </Accordion.Item>
  );
}
