import { ActionIcon, Button, Fieldset, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportFailure } from '../../utils/import-errors';
import type { DetailsProblems, ImportDraft, LabelDraft } from './import-draft';

interface ClusterDetailsStepProps {
  draft: ImportDraft;
  onChange: (patch: Partial<ImportDraft>) => void;
  /** The form's own checks, shown once the person tried to go on. */
  problems: DetailsProblems | undefined;
  failure: ImportFailure | undefined;
}

let nextLabelId = 1;

export function ClusterDetailsStep({ draft, onChange, problems, failure }: ClusterDetailsStepProps) {
  const { t } = useTranslation('cluster-import');
  const setLabel = (id: number, patch: Partial<LabelDraft>) =>
    onChange({ labels: draft.labels.map((label) => (label.id === id ? { ...label, ...patch } : label)) });

  return (
    <Stack gap="md" maw={720}>
      <TextInput
        label={t('import.name')}
        description={t('import.nameHelp')}
        required
        data-autofocus
        spellCheck={false}
        autoCapitalize="none"
        value={draft.name}
        onChange={(event) => onChange({ name: event.currentTarget.value })}
        error={
          problems?.name
            ? t(`import.nameProblem.${problems.name}`)
            : failure?.name &&
              (failure.hint === 'nameTaken'
                ? t('import.nameProblem.taken', { name: draft.name })
                : t('import.serverSaid', { reason: failure.name }))
        }
      />
      <Textarea
        label={t('import.description')}
        autosize
        minRows={2}
        maxRows={6}
        value={draft.description}
        onChange={(event) => onChange({ description: event.currentTarget.value })}
        error={
          problems?.description
            ? t('import.descriptionTooLong')
            : failure?.description && t('import.serverSaid', { reason: failure.description })
        }
      />
      <Fieldset legend={t('import.labels')} variant="filled">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('import.labelsHelp')}
          </Text>
          {draft.labels.map((label, index) => {
            const problem = problems?.labels[label.id];
            return (
              <Group key={label.id} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  flex={1}
                  aria-label={t('import.labelKey', { index: index + 1 })}
                  placeholder={t('import.labelKeyPlaceholder')}
                  spellCheck={false}
                  value={label.key}
                  onChange={(event) => setLabel(label.id, { key: event.currentTarget.value })}
                  error={problem ? t(`import.labelProblem.${problem}`) : undefined}
                />
                <TextInput
                  flex={1}
                  aria-label={t('import.labelValue', { index: index + 1 })}
                  placeholder={t('import.labelValuePlaceholder')}
                  spellCheck={false}
                  value={label.value}
                  onChange={(event) => setLabel(label.id, { value: event.currentTarget.value })}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  aria-label={t('import.removeLabel', { index: index + 1 })}
                  onClick={() => onChange({ labels: draft.labels.filter((other) => other.id !== label.id) })}
                >
                  <span aria-hidden="true">✕</span>
                </ActionIcon>
              </Group>
            );
          })}
          {failure?.labels && (
            <Text size="sm" c="red">
              {t('import.serverSaid', { reason: failure.labels })}
            </Text>
          )}
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() => onChange({ labels: [...draft.labels, { id: nextLabelId++, key: '', value: '' }] })}
          >
            {t('import.addLabel')}
          </Button>
        </Stack>
      </Fieldset>
      {/* Members and their cluster roles are chosen here once access control exists (issue 5). */}
      <Fieldset legend={t('import.members')} variant="filled">
        <Text size="sm" c="dimmed">
          {t('import.membersLater')}
        </Text>
      </Fieldset>
    </Stack>
  );
}
