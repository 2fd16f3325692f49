import { Group, List, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ImportStage, importStages } from '../../utils/import-errors';

export type ImportOutcome =
  { status: 'pending' } | { status: 'done' } | { status: 'failed'; stage: ImportStage | undefined };

type StageStatus = 'running' | 'done' | 'failed' | 'notReached' | 'skipped';

const marks: Record<Exclude<StageStatus, 'running'>, { color: string; symbol: string }> = {
  done: { color: 'teal', symbol: '✓' },
  failed: { color: 'red', symbol: '✕' },
  notReached: { color: 'gray', symbol: '–' },
  skipped: { color: 'gray', symbol: '–' },
};

/**
 * The import's parts as a checklist. The server runs them in one request, so while it is pending
 * they all show as under way; afterwards the answer tells which passed and where it stopped.
 */
export function ImportProgress({
  outcome,
  keepUploadedCredential,
}: {
  outcome: ImportOutcome;
  keepUploadedCredential: boolean;
}) {
  const { t } = useTranslation('cluster-import');
  const failedAt = outcome.status === 'failed' && outcome.stage ? importStages.indexOf(outcome.stage) : -1;

  function statusOf(stage: ImportStage, index: number): StageStatus {
    if (stage === 'exchange' && keepUploadedCredential) return 'skipped';
    if (outcome.status === 'pending') return 'running';
    if (outcome.status === 'done') return 'done';
    if (failedAt < 0) return 'notReached';
    return index < failedAt ? 'done' : index === failedAt ? 'failed' : 'notReached';
  }

  return (
    <Stack gap="xs">
      <List spacing="sm" center aria-live="polite">
        {importStages.map((stage, index) => {
          const status = statusOf(stage, index);
          const mark = status === 'running' ? undefined : marks[status];
          return (
            <List.Item
              key={stage}
              icon={
                mark ? (
                  <ThemeIcon color={mark.color} variant="light" size="sm" radius="xl" aria-hidden="true">
                    {mark.symbol}
                  </ThemeIcon>
                ) : (
                  <Loader size={18} aria-hidden="true" />
                )
              }
            >
              <Group gap="xs">
                <Text size="sm">{t(`import.stage.${stage}`)}</Text>
                <Text size="xs" c="dimmed">
                  {t(`import.stageStatus.${status}`)}
                </Text>
              </Group>
            </List.Item>
          );
        })}
      </List>
      {outcome.status === 'pending' && (
        <Text size="xs" c="dimmed">
          {t('import.pendingHelp')}
        </Text>
      )}
    </Stack>
  );
}
