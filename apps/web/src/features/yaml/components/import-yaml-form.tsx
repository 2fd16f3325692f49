import {
  Alert,
  Button,
  Center,
  FileButton,
  Group,
  Loader,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectNamespaces } from '@/lib/projects/get-project-namespaces';
import { useImportDocuments } from '../api/import-documents';
import { countDocuments } from '../utils/object-yaml';
import { ImportResultsTable } from './import-results-table';

interface ImportYamlFormProps {
  clusterId: string;
  projectId: string;
  projectName: string;
}

/** Paste or upload YAML (several documents allowed) and create each object in the project. */
export function ImportYamlForm({ clusterId, projectId, projectName }: ImportYamlFormProps) {
  const { t } = useTranslation('yaml');
  const namespaces = useProjectNamespaces(projectId);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [chosenNamespace, setNamespace] = useState<string | null>(null);
  const [updateExisting, setUpdateExisting] = useState(true);
  const run = useImportDocuments(clusterId);

  if (namespaces.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('import.loadingNamespaces')} />
      </Center>
    );
  }
  if (namespaces.isError) {
    return (
      <Alert color="red" title={t('import.namespacesFailed')} role="alert">
        {namespaces.error.message}
      </Alert>
    );
  }
  const names = namespaces.data.map((namespace) => namespace.name);
  const namespace = chosenNamespace ?? names[0] ?? null;
  const documents = countDocuments(text);

  const readFile = async (file: File | null) => {
    if (!file) return;
    setText(await file.text());
    setFileName(file.name);
    run.reset();
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2}>{t('import.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('import.intro', { project: projectName })}
        </Text>
      </Stack>
      {names.length === 0 ? (
        <Alert color="gray" title={t('import.noNamespacesTitle')}>
          {t('import.noNamespacesBody', { project: projectName })}
        </Alert>
      ) : (
        <>
          <Group align="flex-end" gap="md" wrap="wrap">
            <Select
              label={t('import.namespace')}
              description={t('import.namespaceHelp')}
              data={names}
              value={namespace}
              onChange={setNamespace}
              allowDeselect={false}
              w={320}
            />
            <FileButton onChange={(file) => void readFile(file)} accept=".yaml,.yml,.json,application/yaml,text/yaml">
              {(props) => (
                <Button variant="default" {...props}>
                  {t('import.upload')}
                </Button>
              )}
            </FileButton>
            {fileName && (
              <Text size="sm" c="dimmed">
                {t('import.readFrom', { name: fileName })}
              </Text>
            )}
          </Group>
          <Textarea
            label={t('import.yaml')}
            description={t('import.yamlHelp')}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setFileName(undefined);
            }}
            autosize
            minRows={14}
            maxRows={30}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
          <Switch
            label={t('import.updateExisting')}
            description={t('import.updateExistingHelp')}
            checked={updateExisting}
            onChange={(event) => setUpdateExisting(event.currentTarget.checked)}
          />
          <Group justify="flex-end" gap="md">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('import.documentCount', { count: documents })}
            </Text>
            <Button
              loading={run.isPending}
              disabled={!namespace || documents === 0}
              onClick={() =>
                namespace && run.mutate({ text, defaultNamespace: namespace, projectNamespaces: names, updateExisting })
              }
            >
              {t('import.submit')}
            </Button>
          </Group>
        </>
      )}
      {run.isError && (
        <Alert color="red" title={t('import.failed')} role="alert">
          {run.error.message}
        </Alert>
      )}
      {run.data && (
        <Stack gap="xs" component="section" aria-labelledby="import-results-title">
          <Title order={3} size="h4" id="import-results-title">
            {t('import.resultsTitle')}
          </Title>
          <Text size="sm">
            {t('import.summary', {
              created: run.data.filter((outcome) => outcome.result === 'created').length,
              configured: run.data.filter((outcome) => outcome.result === 'configured').length,
              failed: run.data.filter((outcome) => outcome.result === 'failed' || outcome.result === 'refused').length,
            })}
          </Text>
          <ImportResultsTable outcomes={run.data} />
        </Stack>
      )}
    </Stack>
  );
}
