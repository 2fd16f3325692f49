import { Alert, Button, Checkbox, FileButton, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFailure } from '../../utils/import-errors';
import type { ImportDraft } from './import-draft';

interface KubeconfigStepProps {
  draft: ImportDraft;
  onChange: (patch: Partial<ImportDraft>) => void;
  /** The form's own check, shown once the person tried to go on. */
  problem: 'required' | 'tooLarge' | undefined;
  failure: ImportFailure | undefined;
  /** Contexts to pick from, once the server said it cannot tell which one to import. */
  contextChoices: string[];
}

/** Larger files are not kubeconfigs; the server refuses more than 1 MiB anyway. */
const maxFileBytes = 1024 * 1024;

export function KubeconfigStep({ draft, onChange, problem, failure, contextChoices }: KubeconfigStepProps) {
  const { t } = useTranslation('cluster-import');
  const [fileError, setFileError] = useState<'tooLarge' | 'unreadable'>();

  function readFile(file: File | null) {
    if (!file) return;
    if (file.size > maxFileBytes) {
      setFileError('tooLarge');
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      setFileError(undefined);
      onChange({ kubeconfig: typeof reader.result === 'string' ? reader.result : '', fileName: file.name });
    };
    reader.onerror = () => setFileError('unreadable');
    reader.readAsText(file);
  }

  const kubeconfigError = problem
    ? t(`import.kubeconfigProblem.${problem}`)
    : failure && failure.kubeconfig.length > 0
      ? // The error slot is a paragraph: one line per problem, as spans rather than a list.
        failure.kubeconfig.map(({ path, reason }) => (
          <span key={`${path}:${reason}`} style={{ display: 'block' }}>
            {path ? t('import.problemAt', { path, reason }) : t('import.serverSaid', { reason })}
          </span>
        ))
      : undefined;
  const showContext = contextChoices.length > 0 || failure?.context !== undefined || draft.context !== '';
  const contextError = failure?.context ? t('import.serverSaid', { reason: failure.context }) : undefined;

  return (
    <Stack gap="md" maw={880}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {t('import.kubeconfigHelp')}
        </Text>
        <FileButton onChange={readFile}>
          {(props) => (
            <Button variant="default" size="xs" style={{ flexShrink: 0 }} {...props}>
              {t('import.readFile')}
            </Button>
          )}
        </FileButton>
      </Group>
      {fileError && (
        <Alert color="red" role="alert">
          {t(`import.fileProblem.${fileError}`)}
        </Alert>
      )}
      <Textarea
        label={t('import.kubeconfig')}
        description={draft.fileName ? t('import.readFrom', { fileName: draft.fileName }) : undefined}
        required
        data-autofocus
        autosize
        minRows={10}
        maxRows={20}
        spellCheck={false}
        autoComplete="off"
        styles={{
          input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' },
        }}
        placeholder={'apiVersion: v1\nkind: Config\nclusters: …'}
        value={draft.kubeconfig}
        onChange={(event) => onChange({ kubeconfig: event.currentTarget.value, fileName: undefined })}
        error={kubeconfigError}
      />
      {showContext &&
        (contextChoices.length > 0 ? (
          <Select
            label={t('import.context')}
            description={t('import.contextHelp')}
            data={contextChoices}
            value={draft.context || null}
            onChange={(value) => onChange({ context: value ?? '' })}
            allowDeselect={false}
            searchable={contextChoices.length > 8}
            error={contextError}
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <TextInput
            label={t('import.context')}
            description={t('import.contextHelp')}
            spellCheck={false}
            value={draft.context}
            onChange={(event) => onChange({ context: event.currentTarget.value })}
            error={contextError}
          />
        ))}
      <Checkbox
        label={t('import.insecure')}
        description={t('import.insecureHelp')}
        checked={draft.insecureSkipTlsVerify}
        onChange={(event) => onChange({ insecureSkipTlsVerify: event.currentTarget.checked })}
      />
      {draft.insecureSkipTlsVerify && (
        <Alert color="orange" title={t('import.insecureWarningTitle')}>
          {t('import.insecureWarning')}
        </Alert>
      )}
      <Checkbox
        label={t('import.keepCredential')}
        description={t('import.keepCredentialHelp')}
        checked={draft.keepUploadedCredential}
        onChange={(event) => onChange({ keepUploadedCredential: event.currentTarget.checked })}
      />
    </Stack>
  );
}
