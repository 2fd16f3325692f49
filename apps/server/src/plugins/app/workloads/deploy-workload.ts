import {
  type DeployWorkloadBody,
  type DeployWorkloadResult,
  type FieldError,
  workloadCollectionPath,
  workloadKinds,
} from '@bokujo/shared';
import { HttpError, InputError } from '../../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { KubeRequest, KubeResponse } from '../kube-proxy/impersonated-client.ts';
import { kubeStatusError } from '../kube-proxy/kube-status-error.ts';

type AsPerson = <T>(request: KubeRequest) => Promise<KubeResponse<T>>;

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** One object of the unit: where it goes and where it sits in the request. */
interface Step {
  object: Manifest;
  collection: string;
  pointer: string;
  /** PUT replaces the existing workload (an edit); everything else is created. */
  method: 'POST' | 'PUT';
}

/** How the unit treats its workload: create a new one, or replace the one named (an edit). */
export type WorkloadChange = { action: 'create' } | { action: 'replace'; name: string };

interface Created {
  step: Step;
  uid: string;
}

/**
 * Creates a workload with the claims it mounts and the Services in front of it as one unit, as
 * the person. Every object is first sent as a server-side dry run, so bad input, missing rights,
 * quota and name clashes are found before anything exists. If a real create still fails (the
 * cluster changed in between), what was created for the workload is deleted again, and anything
 * that could not be deleted is named in the error rather than silently left behind.
 */
export async function deployWorkload(
  asPerson: AsPerson,
  principal: Principal,
  namespace: string,
  body: DeployWorkloadBody,
  change: WorkloadChange = { action: 'create' },
): Promise<DeployWorkloadResult> {
  const steps = planSteps(namespace, body, change);

  for (const step of steps) {
    const response = await asPerson({ method: step.method, path: `${pathOf(step)}?dryRun=All`, body: step.object });
    if (response.status >= 300) throw refusal(response, step, principal, namespace);
  }

  const created: Created[] = [];
  for (const step of steps) {
    const response = await asPerson<{ metadata?: { uid?: string } }>({
      method: step.method,
      path: pathOf(step),
      body: step.object,
    });
    if (response.status >= 300) {
      const error = refusal(response, step, principal, namespace);
      // A replaced workload that was refused is unchanged; only what this unit created goes.
      const leftBehind = await removeCreated(
        asPerson,
        created.filter((entry) => entry.step.method === 'POST'),
      );
      throw withCleanupReport(error, leftBehind);
    }
    created.push({ step, uid: response.body.metadata?.uid ?? '' });
  }

  const summary = (entry: Created) => ({
    kind: entry.step.object.kind,
    name: entry.step.object.metadata.name,
    uid: entry.uid,
  });
  return {
    volumeClaims: created.filter((entry) => entry.step.object.kind === 'PersistentVolumeClaim').map(summary),
    workload: summary(created.find((entry) => entry.step.pointer === '/body/workload')!),
    services: created.filter((entry) => entry.step.object.kind === 'Service').map(summary),
  };
}

const pathOf = (step: Step) =>
  step.method === 'PUT' ? `${step.collection}/${encodeURIComponent(step.object.metadata.name)}` : step.collection;

/** Claims first (the workload's pods wait for them), then the workload, then its Services. */
function planSteps(namespace: string, body: DeployWorkloadBody, change: WorkloadChange): Step[] {
  const problems: FieldError[] = [];
  const { workload } = body;
  const kind = workload.kind;
  if (change.action === 'replace' && workload.metadata.name !== change.name) {
    problems.push({
      field: '/body/workload/metadata/name',
      reason: `must stay ${change.name}: a workload cannot be renamed`,
    });
  }
  if (workload.apiVersion !== workloadKinds[kind].apiVersion) {
    problems.push({
      field: '/body/workload/apiVersion',
      reason: `must be ${workloadKinds[kind].apiVersion} for a ${kind}`,
    });
  }
  const steps: Step[] = [
    ...(body.volumeClaims ?? []).map((claim, index) => ({
      object: claim,
      collection: `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims`,
      pointer: `/body/volumeClaims/${index}`,
      method: 'POST' as const,
    })),
    {
      object: workload,
      collection: workloadCollectionPath(kind, namespace),
      pointer: '/body/workload',
      method: change.action === 'replace' ? 'PUT' : 'POST',
    },
    ...(body.services ?? []).map((service, index) => ({
      object: service,
      collection: `/api/v1/namespaces/${encodeURIComponent(namespace)}/services`,
      pointer: `/body/services/${index}`,
      method: 'POST' as const,
    })),
  ];
  const seen = new Set<string>();
  for (const step of steps) {
    const { name, namespace: declared } = step.object.metadata;
    if (declared !== undefined && declared !== namespace) {
      problems.push({ field: `${step.pointer}/metadata/namespace`, reason: `must be ${namespace} or left out` });
    }
    const key = `${step.collection}/${name}`;
    if (seen.has(key))
      problems.push({ field: `${step.pointer}/metadata/name`, reason: 'is used twice in this request' });
    seen.add(key);
  }
  if (problems.length > 0) throw new InputError('The workload cannot be deployed as sent', problems);
  return steps;
}

function refusal(response: KubeResponse<unknown>, step: Step, principal: Principal, namespace: string) {
  return kubeStatusError(response, {
    action: `${step.method === 'PUT' ? 'update' : 'create'} ${step.object.kind} ${step.object.metadata.name} in ${namespace}`,
    username: principal.username,
    pointer: step.pointer,
  });
}

/** Deletes in reverse order, only the very objects created (uid precondition); returns what stayed. */
async function removeCreated(asPerson: AsPerson, created: Created[]) {
  const leftBehind: { step: Step; reason: string }[] = [];
  for (const { step, uid } of [...created].reverse()) {
    try {
      const response = await asPerson<{ message?: string }>({
        method: 'DELETE',
        path: `${step.collection}/${encodeURIComponent(step.object.metadata.name)}`,
        body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background', preconditions: { uid } },
      });
      if (response.status >= 300 && response.status !== 404) {
        leftBehind.push({ step, reason: response.body?.message ?? `Kubernetes answered ${response.status}` });
      }
    } catch (error) {
      leftBehind.push({ step, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return leftBehind;
}

function withCleanupReport(error: HttpError, leftBehind: { step: Step; reason: string }[]) {
  if (leftBehind.length === 0) {
    return new HttpError(
      error.statusCode,
      error.code,
      `${error.message}. What had been created for it was removed again.`,
      error.details,
    );
  }
  const names = leftBehind.map(({ step }) => `${step.object.kind} ${step.object.metadata.name}`).join(', ');
  return new HttpError(
    error.statusCode,
    error.code,
    `${error.message}. Bokujo could not remove what it had created for it (${names}); delete it yourself.`,
    [
      ...(error.details ?? []),
      ...leftBehind.map(({ step, reason }) => ({
        field: step.pointer,
        reason: `was created but could not be removed: ${reason}`,
      })),
    ],
  );
}
