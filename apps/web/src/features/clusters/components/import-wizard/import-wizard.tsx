import type { Cluster } from '@bokujo/shared';
import { Alert, Button, Group, Stack, Stepper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { useImportCluster } from '../../api/import-cluster';
import { describeImportFailure, type ImportFailure } from '../../utils/import-errors';
import { ClusterStateBadge } from '../cluster-state-badge';
import { ClusterDetailsStep } from './cluster-details-step';
import {
  checkDetails,
  checkKubeconfig,
  type DetailsProblems,
  emptyDraft,
  hasDetailsProblems,
  type ImportDraft,
  toImportBody,
} from './import-draft';
import { ImportProgress, type ImportOutcome } from './import-progress';
import { KubeconfigStep } from './kubeconfig-step';

type Step = 0 | 1 | 2;

/** Import a cluster: name it, give its kubeconfig, then watch the import and see its result. */
export function ImportWizard() {
  const { t } = useTranslation('cluster-import');
  const importCluster = useImportCluster();
  const [step, setStep] = useState<Step>(0);
  const [draft, setDraft] = useState<ImportDraft>(emptyDraft);
  const [detailsChecked, setDetailsChecked] = useState(false);
  const [kubeconfigChecked, setKubeconfigChecked] = useState(false);
  const [failure, setFailure] = useState<ImportFailure>();
  const [failureMessage, setFailureMessage] = useState('');
  const [contextChoices, setContextChoices] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<ImportOutcome>({ status: 'pending' });
  const [imported, setImported] = useState<Cluster>();

  const detailsProblems: DetailsProblems = checkDetails(draft);
  const kubeconfigProblem = checkKubeconfig(draft);
  const pending = importCluster.isPending;

  function change(patch: Partial<ImportDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    // A field the person has changed no longer carries the server's old complaint.
    setFailure((current) => {
      if (!current) return current;
      const next = { ...current };
      if ('name' in patch) delete next.name;
      if ('description' in patch) delete next.description;
      if ('labels' in patch) delete next.labels;
      if ('context' in patch) delete next.context;
      if ('kubeconfig' in patch) next.kubeconfig = [];
      return next;
    });
    if ('kubeconfig' in patch) {
      // Another file has other contexts.
      setContextChoices([]);
      setDraft((current) => ({ ...current, context: '' }));
    }
  }

  function goToKubeconfig() {
    setDetailsChecked(true);
    if (!hasDetailsProblems(detailsProblems)) setStep(1);
  }

  function submit() {
    setKubeconfigChecked(true);
    if (kubeconfigProblem) return;
    if (hasDetailsProblems(detailsProblems)) {
      setDetailsChecked(true);
      setStep(0);
      return;
    }
    setFailure(undefined);
    setOutcome({ status: 'pending' });
    setStep(2);
    importCluster.mutate(toImportBody(draft), {
      onSuccess: (cluster) => {
        setImported(cluster);
        setOutcome({ status: 'done' });
      },
      onError: (error) => {
        const described =
          error instanceof ApiError
            ? describeImportFailure(error)
            : describeImportFailure(new ApiError(0, error.message));
        setFailure(described);
        setFailureMessage(error.message);
        setOutcome({ status: 'failed', stage: described.stage });
        if (described.contextChoices.length > 0) setContextChoices(described.contextChoices);
        if (described.step !== undefined) setStep(described.step);
      },
    });
  }

  const failureAlert = failure && (
    <Alert color="red" title={t('import.failedTitle')} role="alert">
      <Stack gap={6}>
        {failure.stage && (
          <Text size="sm">{t('import.failedDuring', { stage: t(`import.stage.${failure.stage}`) })}</Text>
        )}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('import.serverSaid', { reason: failureMessage })}
        </Text>
        <Text size="sm" fw={600}>
          {t('import.whatToFix')}
        </Text>
        <Text size="sm">{t(`import.hint.${failure.hint}`)}</Text>
      </Stack>
    </Alert>
  );

  return (
    <Stack gap="lg">
      <Stepper
        active={step}
        onStepClick={(index) => !pending && !imported && setStep(index as Step)}
        allowNextStepsSelect={false}
        size="sm"
      >
        <Stepper.Step label={t('import.step.details')} description={t('import.step.detailsHelp')}>
          <Stack gap="md">
            {failure?.step === 0 && failureAlert}
            <ClusterDetailsStep
              draft={draft}
              onChange={change}
              problems={detailsChecked ? detailsProblems : undefined}
              failure={failure}
            />
            <Group>
              <Button variant="default" component={Link} to={paths.clusters.getHref()}>
                {t('import.cancel')}
              </Button>
              <Button onClick={goToKubeconfig}>{t('import.next')}</Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('import.step.kubeconfig')} description={t('import.step.kubeconfigHelp')}>
          <Stack gap="md">
            {failure?.step === 1 && failureAlert}
            <KubeconfigStep
              draft={draft}
              onChange={change}
              problem={kubeconfigChecked ? kubeconfigProblem : undefined}
              failure={failure}
              contextChoices={contextChoices}
            />
            <Group>
              <Button variant="default" onClick={() => setStep(0)}>
                {t('import.back')}
              </Button>
              <Button onClick={submit}>{t('import.submit')}</Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step
          label={t('import.step.import')}
          description={t('import.step.importHelp')}
          loading={pending}
          allowStepSelect={false}
        >
          <Stack gap="md" maw={720}>
            <ImportProgress outcome={outcome} keepUploadedCredential={draft.keepUploadedCredential} />
            {imported && (
              <Alert color="green" title={t('import.doneTitle', { name: imported.name })}>
                <Stack gap="sm" align="flex-start">
                  <Group gap="xs">
                    <Text size="sm">{t('import.doneState')}</Text>
                    <ClusterStateBadge cluster={imported} />
                    {imported.stateReason && (
                      <Text size="sm" c="dimmed">
                        {imported.stateReason}
                      </Text>
                    )}
                  </Group>
                  <Text size="sm">{t('import.doneBody')}</Text>
                  <Group>
                    <Button component={Link} to={paths.cluster.getHref(imported.id)}>
                      {t('import.openDashboard')}
                    </Button>
                    <Button variant="default" component={Link} to={paths.clusters.getHref()}>
                      {t('import.backToList')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {outcome.status === 'failed' && failure?.step === undefined && (
              <>
                {failureAlert}
                <Group>
                  <Button variant="default" onClick={() => setStep(1)}>
                    {t('import.back')}
                  </Button>
                  <Button onClick={submit}>{t('import.retry')}</Button>
                </Group>
              </>
            )}
          </Stack>
        </Stepper.Step>
      </Stepper>
    </Stack>
  );
}
