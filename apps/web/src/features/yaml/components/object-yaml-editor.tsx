import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { saveTextFile } from '@/lib/download';
import { useCan } from '@/lib/k8s/use-access-review';
import { useObject } from '../api/get-object';
import { useDryRunUpdate, useUpdateObject } from '../api/update-object';
import type { ObjectRef } from '../utils/api-path';
import { type KubeObject, parseSingleObject, toEditableYaml, YamlSyntaxError } from '../utils/object-yaml';
import { KubeErrorAlert } from './kube-error-alert';
import { YamlDiff } from './yaml-diff';
import { YamlEditor } from './yaml-editor';

interface ObjectYamlEditorProps {
  clusterId: string;
  apiPath: string;
  object: ObjectRef;
}

interface Review {
  /** What was sent to the dry run, and will be sent to apply. */
  edited: KubeObject;
  /** What the apiserver said it would store, as YAML. */
  stored: string;
}

/**
 * One object as YAML: edit it, let the apiserver dry-run the change and show what it would store
 * next to what is stored now, then apply. The resourceVersion read with the object guards against
 * overwriting someone else's change (409).
 */
export function ObjectYamlEditor({ clusterId, apiPath, object }: ObjectYamlEditorProps) {
  const { t } = useTranslation('yaml');
  const current = useObject(clusterId, apiPath);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [syntaxError, setSyntaxError] = useState<YamlSyntaxError | undefined>(undefined);
  const [review, setReview] = useState<Review | undefined>(undefined);
  const [savedVersion, setSavedVersion] = useState<string | undefined>(undefined);
  const dryRun = useDryRunUpdate(clusterId, apiPath);
  const update = useUpdateObject(clusterId, apiPath);
  const access = useCan(clusterId, {
    verb: 'update',
    group: object.group,
    resource: object.resource,
    namespace: object.namespace,
    name: object.name,
  });

  if (current.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('editor.loading')} />
      </Center>
    );
  }
  if (current.isError) {
    return (
      <Alert color="red" title={t('editor.loadFailed')} role="alert">
        {isApiError(current.error, 404) ? t('editor.notFound', { path: apiPath }) : current.error.message}
      </Alert>
    );
  }

  const stored = toEditableYaml(current.data);
  const text = draft ?? stored;
  const kind = typeof current.data.kind === 'string' ? current.data.kind : object.resource;
  const readOnly = !access.allowed;

  const reset = () => {
    setReview(undefined);
    setSyntaxError(undefined);
    dryRun.reset();
    update.reset();
  };
  const edit = (value: string) => {
    setDraft(value);
    setSavedVersion(undefined);
    if (review) reset();
  };
  const reload = async () => {
    reset();
    setDraft(undefined);
    setSavedVersion(undefined);
    await current.refetch();
  };
  const check = () => {
    reset();
    setSavedVersion(undefined);
    let edited: KubeObject;
    try {
      edited = parseSingleObject(text);
    } catch (error) {
      if (error instanceof YamlSyntaxError) {
        setSyntaxError(error);
        return;
      }
      throw error;
    }
    dryRun.mutate(edited, { onSuccess: (result) => setReview({ edited, stored: toEditableYaml(result) }) });
  };
  const apply = () => {
    if (!review) return;
    update.mutate(review.edited, {
      onSuccess: (result) => {
        setReview(undefined);
        setDraft(undefined);
        const version = (result.metadata?.['resourceVersion'] as string | undefined) ?? '';
        setSavedVersion(version);
      },
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {t('editor.title', { kind, name: object.name })}
          </Title>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {object.namespace ? t('editor.inNamespace', { namespace: object.namespace }) : t('editor.clusterScoped')}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" onClick={() => void reload()}>
            {t('editor.reload')}
          </Button>
          <Button variant="default" onClick={() => saveTextFile(`${object.name}.yaml`, text, 'application/yaml')}>
            {t('editor.download')}
          </Button>
        </Group>
      </Group>

      {readOnly && !access.isPending && (
        <Alert color="gray" title={t('editor.readOnlyTitle')}>
          {t('editor.readOnlyBody', { kind })}
        </Alert>
      )}
      {savedVersion !== undefined && (
        <Alert color="teal" title={t('editor.saved', { kind, name: object.name })} role="status">
          {t('editor.savedVersion', { version: savedVersion })}
        </Alert>
      )}
      {syntaxError && (
        <Alert color="red" title={t('editor.syntaxTitle')} role="alert">
          {syntaxError.problem === 'syntax'
            ? syntaxError.line !== undefined
              ? t('editor.syntaxAtLine', { line: syntaxError.line, message: syntaxError.message })
              : syntaxError.message
            : t(`problem.${syntaxError.problem}`)}
        </Alert>
      )}
      {dryRun.isError && (
        <KubeErrorAlert error={dryRun.error} title={t('editor.checkFailed')} onReload={() => void reload()} />
      )}
      {update.isError && (
        <KubeErrorAlert error={update.error} title={t('editor.applyFailed')} onReload={() => void reload()} />
      )}

      {review ? (
        <Stack gap="sm">
          <Text size="sm">{review.stored === stored ? t('review.noChange') : t('review.intro')}</Text>
          <YamlDiff
            before={stored}
            after={review.stored}
            beforeLabel={t('review.current')}
            afterLabel={t('review.after')}
            unchangedLines={t('review.unchangedLines')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={reset}>
              {t('review.back')}
            </Button>
            <Button onClick={apply} loading={update.isPending} disabled={review.stored === stored}>
              {t('review.apply')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <YamlEditor
            value={text}
            onChange={edit}
            label={t('editor.label', { kind, name: object.name })}
            readOnly={readOnly}
          />
          <Group justify="flex-end" gap="xs">
            {draft !== undefined && draft !== stored && (
              <Button variant="default" onClick={() => edit(stored)}>
                {t('editor.discard')}
              </Button>
            )}
            <Button onClick={check} loading={dryRun.isPending} disabled={readOnly || text === stored}>
              {t('editor.review')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
