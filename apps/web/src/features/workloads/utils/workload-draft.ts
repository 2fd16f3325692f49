import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkImageReference,
  type DeployWorkloadBody,
  generatedServiceLabel,
  parseQuantity,
  workloadKinds,
  type WorkloadKind,
} from '@bokujo/shared';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';

/** What the deploy form edits; `toManifests` turns it into the objects Kubernetes receives. */
export interface WorkloadDraft {
  kind: WorkloadKind;
  name: string;
  namespace: string;
  image: string;
  imagePullPolicy: 'IfNotPresent' | 'Always' | 'Never';
  replicas: number | '';
  /** CronJob only, in cron syntax. */
  schedule: string;
  ports: PortDraft[];
  env: EnvDraft[];
  /** One argument per line; empty keeps the image's own. */
  command: string;
  args: string;
  resources: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
  readinessProbe: ProbeDraft;
  livenessProbe: ProbeDraft;
  nodeSelector: KeyValue[];
  tolerations: TolerationDraft[];
  strategy: 'RollingUpdate' | 'Recreate';
  maxSurge: string;
  maxUnavailable: string;
  /** StatefulSet only. */
  partition: number | '';
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  labels: KeyValue[];
  annotations: KeyValue[];
  volumes: VolumeDraft[];
}

export interface KeyValue {
  key: string;
  value: string;
}

export type ServiceType = 'None' | 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export interface PortDraft {
  name: string;
  containerPort: number | '';
  protocol: 'TCP' | 'UDP';
  serviceType: ServiceType;
  /** NodePort only; '' lets Kubernetes choose. */
  nodePort: number | '';
}

export type EnvSource = 'value' | 'secretKey' | 'configMapKey' | 'field';

export interface EnvDraft {
  name: string;
  source: EnvSource;
  /** The literal value, or the field path (`status.podIP`) for `field`. */
  value: string;
  /** Secret or ConfigMap name. */
  objectName: string;
  key: string;
}

export type ProbeType = 'none' | 'http' | 'tcp' | 'exec';

export interface ProbeDraft {
  type: ProbeType;
  path: string;
  port: number | '';
  /** One argument per line. */
  command: string;
}

export interface TolerationDraft {
  key: string;
  operator: 'Equal' | 'Exists';
  value: string;
  effect: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export type VolumeSource = 'newClaim' | 'existingClaim' | 'configMap' | 'secret' | 'emptyDir';

export interface VolumeDraft {
  /** The pod's volume name. */
  name: string;
  source: VolumeSource;
  /** newClaim: the claim to create with the workload (a claim template for a StatefulSet). */
  claim?: KubePersistentVolumeClaim;
  /** existingClaim / configMap / secret: the object's name. */
  objectName: string;
  mountPath: string;
  subPath: string;
  readOnly: boolean;
}

export const emptyProbe: ProbeDraft = { type: 'none', path: '/', port: '', command: '' };

export const emptyWorkloadDraft: WorkloadDraft = {
  kind: 'Deployment',
  name: '',
  namespace: '',
  image: '',
  imagePullPolicy: 'IfNotPresent',
  replicas: 1,
  schedule: '*/5 * * * *',
  ports: [],
  env: [],
  command: '',
  args: '',
  resources: { cpuRequest: '', cpuLimit: '', memoryRequest: '', memoryLimit: '' },
  readinessProbe: emptyProbe,
  livenessProbe: emptyProbe,
  nodeSelector: [],
  tolerations: [],
  strategy: 'RollingUpdate',
  maxSurge: '25%',
  maxUnavailable: '25%',
  partition: '',
  podManagementPolicy: 'OrderedReady',
  labels: [],
  annotations: [],
  volumes: [],
};

/** Ties the pods and the generated Services to their workload, so Delete finds the Services. */
const workloadLabel = generatedServiceLabel;

export const hasReplicas = (kind: WorkloadKind) => kind === 'Deployment' || kind === 'StatefulSet';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const pairs = (entries: KeyValue[]) =>
  Object.fromEntries(entries.filter((entry) => entry.key.trim()).map((entry) => [entry.key.trim(), entry.value]));

function probe(draft: ProbeDraft) {
  switch (draft.type) {
    case 'http':
      return { httpGet: { path: draft.path || '/', port: draft.port } };
    case 'tcp':
      return { tcpSocket: { port: draft.port } };
    case 'exec':
      return { exec: { command: lines(draft.command) } };
    default:
      return undefined;
  }
}

function envVar(entry: EnvDraft) {
  switch (entry.source) {
    case 'secretKey':
      return { name: entry.name, valueFrom: { secretKeyRef: { name: entry.objectName, key: entry.key } } };
    case 'configMapKey':
      return { name: entry.name, valueFrom: { configMapKeyRef: { name: entry.objectName, key: entry.key } } };
    case 'field':
      return { name: entry.name, valueFrom: { fieldRef: { fieldPath: entry.value } } };
    default:
      return { name: entry.name, value: entry.value };
  }
}

function resourceList(entries: Record<string, string>) {
  const set = Object.entries(entries).filter(([, value]) => value.trim());
  return set.length > 0 ? Object.fromEntries(set.map(([key, value]) => [key, value.trim()])) : undefined;
}

/** Drops keys whose value is undefined or an empty list/object, so the YAML shows only what was chosen. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => {
      if (value === undefined || value === '') return false;
      if (Array.isArray(value)) return value.length > 0;
      if (value && typeof value === 'object') return Object.keys(value).length > 0;
      return true;
    }),
  ) as T;
}

function podVolume(volume: VolumeDraft) {
  switch (volume.source) {
    case 'newClaim':
      return { name: volume.name, persistentVolumeClaim: { claimName: volume.claim?.metadata.name ?? '' } };
    case 'existingClaim':
      return { name: volume.name, persistentVolumeClaim: { claimName: volume.objectName } };
    case 'configMap':
      return { name: volume.name, configMap: { name: volume.objectName } };
    case 'secret':
      return { name: volume.name, secret: { secretName: volume.objectName } };
    default:
      return { name: volume.name, emptyDir: {} };
  }
}

/**
 * The workload, the claims to create with it and the Services for its ports. For a StatefulSet
 * new claims become volumeClaimTemplates (one claim per pod, kept by Kubernetes) instead.
 */
export function toManifests(draft: WorkloadDraft): DeployWorkloadBody {
  const selector = { [workloadLabel]: draft.name };
  const isStatefulSet = draft.kind === 'StatefulSet';
  const claimTemplates = isStatefulSet ? draft.volumes.filter((volume) => volume.source === 'newClaim') : [];
  const podVolumes = draft.volumes.filter((volume) => !claimTemplates.includes(volume));
  const container = compact({
    name: draft.name,
    image: draft.image.trim(),
    imagePullPolicy: draft.imagePullPolicy,
    command: lines(draft.command),
    args: lines(draft.args),
    ports: draft.ports.map((port) =>
      compact({ name: port.name || undefined, containerPort: port.containerPort, protocol: port.protocol }),
    ),
    env: draft.env.filter((entry) => entry.name.trim()).map(envVar),
    resources: compact({
      requests: resourceList({ cpu: draft.resources.cpuRequest, memory: draft.resources.memoryRequest }),
      limits: resourceList({ cpu: draft.resources.cpuLimit, memory: draft.resources.memoryLimit }),
    }),
    readinessProbe: probe(draft.readinessProbe),
    livenessProbe: probe(draft.livenessProbe),
    volumeMounts: draft.volumes.map((volume) =>
      compact({
        name: claimTemplates.includes(volume) ? (volume.claim?.metadata.name ?? volume.name) : volume.name,
        mountPath: volume.mountPath,
        subPath: volume.subPath || undefined,
        readOnly: volume.readOnly || undefined,
      }),
    ),
  });
  const podSpec = compact({
    containers: [container],
    volumes: podVolumes.map(podVolume),
    nodeSelector: pairs(draft.nodeSelector),
    tolerations: draft.tolerations
      .filter((toleration) => toleration.key.trim() || toleration.operator === 'Exists')
      .map((toleration) =>
        compact({
          key: toleration.key.trim() || undefined,
          operator: toleration.operator,
          value: toleration.operator === 'Equal' ? toleration.value : undefined,
          effect: toleration.effect || undefined,
        }),
      ),
    ...(draft.kind === 'Job' || draft.kind === 'CronJob' ? { restartPolicy: 'OnFailure' } : {}),
  });
  const labels = { ...pairs(draft.labels), ...selector };
  const template = { metadata: { labels }, spec: podSpec };
  const metadata = compact({
    name: draft.name,
    namespace: draft.namespace,
    labels,
    annotations: pairs(draft.annotations),
  });
  const { apiVersion } = workloadKinds[draft.kind];

  const workload = {
    apiVersion,
    kind: draft.kind,
    metadata,
    spec: workloadSpec(draft, selector, template, claimTemplates),
  };
  const volumeClaims = isStatefulSet
    ? []
    : draft.volumes.flatMap((volume) =>
        volume.source === 'newClaim' && volume.claim
          ? [
              {
                ...volume.claim,
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                metadata: { ...volume.claim.metadata, namespace: draft.namespace },
              },
            ]
          : [],
      );
  const exposed = draft.ports.filter((port) => port.serviceType !== 'None');
  const services = serviceTypes(exposed).map((type) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: serviceName(draft.name, type, exposed), namespace: draft.namespace, labels: selector },
    spec: {
      type,
      selector,
      ports: exposed
        .filter((port) => port.serviceType === type)
        .map((port) =>
          compact({
            name: port.name || `${String(port.protocol).toLowerCase()}-${port.containerPort}`,
            port: port.containerPort,
            targetPort: port.containerPort,
            protocol: port.protocol,
            nodePort: type === 'NodePort' && port.nodePort !== '' ? port.nodePort : undefined,
          }),
        ),
    },
  }));
  return { workload, volumeClaims, services } as DeployWorkloadBody;
}

function workloadSpec(
  draft: WorkloadDraft,
  selector: Record<string, string>,
  template: { metadata: { labels: Record<string, string> }; spec: unknown },
  claimTemplates: VolumeDraft[],
) {
  switch (draft.kind) {
    case 'Deployment':
      return {
        replicas: draft.replicas,
        selector: { matchLabels: selector },
        strategy:
          draft.strategy === 'Recreate'
            ? { type: 'Recreate' }
            : {
                type: 'RollingUpdate',
                rollingUpdate: {
                  maxSurge: intOrPercent(draft.maxSurge),
                  maxUnavailable: intOrPercent(draft.maxUnavailable),
                },
              },
        template,
      };
    case 'StatefulSet':
      return compact({
        replicas: draft.replicas,
        serviceName: draft.name,
        podManagementPolicy: draft.podManagementPolicy,
        selector: { matchLabels: selector },
        updateStrategy:
          draft.strategy === 'Recreate'
            ? { type: 'OnDelete' }
            : {
                type: 'RollingUpdate',
                rollingUpdate: draft.partition === '' ? undefined : { partition: draft.partition },
              },
        template,
        volumeClaimTemplates: claimTemplates.map((volume) => ({
          metadata: { name: volume.claim?.metadata.name ?? volume.name },
          spec: volume.claim?.spec,
        })),
      });
    case 'DaemonSet':
      return { selector: { matchLabels: selector }, template };
    case 'Job':
      return { template };
    case 'CronJob':
      return { schedule: draft.schedule, jobTemplate: { spec: { template } } };
  }
}

/** "25%" stays a string, "1" becomes the number Kubernetes expects for an absolute count. */
const intOrPercent = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim());

const serviceTypes = (ports: PortDraft[]) =>
  (['ClusterIP', 'NodePort', 'LoadBalancer'] as const).filter((type) =>
    ports.some((port) => port.serviceType === type),
  );

/** One Service per type; the ClusterIP one takes the workload's name, as Rancher's does. */
function serviceName(workloadName: string, type: Exclude<ServiceType, 'None'>, ports: PortDraft[]) {
  if (type === 'ClusterIP' || serviceTypes(ports).length === 1) return workloadName;
  return `${workloadName}-${type.toLowerCase()}`;
}

export type DraftProblem =
  'required' | 'pattern' | 'tooLong' | 'range' | 'duplicate' | 'quantity' | 'absolutePath' | 'schedule';

/** Problems by the form field's path (`ports.0.containerPort`), checked as the person types. */
export function checkDraft(draft: WorkloadDraft): Record<string, DraftProblem> {
  const problems: Record<string, DraftProblem> = {};
  const put = (field: string, problem: DraftProblem | undefined) => {
    if (problem && !problems[field]) problems[field] = problem;
  };
  // Container and Service names come from the workload's name, so it must also be a DNS label.
  put('name', checkDnsLabel(draft.name));
  put('namespace', draft.namespace ? undefined : 'required');
  put('image', checkImageReference(draft.image));
  if (hasReplicas(draft.kind)) put('replicas', checkCount(draft.replicas, 0, 1000));
  if (draft.kind === 'CronJob')
    put('schedule', /^(\S+\s+){4}\S+$/.test(draft.schedule.trim()) ? undefined : 'schedule');
  const portNumbers = new Set<string>();
  draft.ports.forEach((port, index) => {
    put(`ports.${index}.containerPort`, checkCount(port.containerPort, 1, 65535));
    if (port.name) put(`ports.${index}.name`, checkDnsLabel(port.name, 15));
    if (port.nodePort !== '' && port.serviceType === 'NodePort')
      put(`ports.${index}.nodePort`, checkCount(port.nodePort, 30000, 32767));
    const key = `${port.protocol}/${port.containerPort}`;
    if (portNumbers.has(key)) put(`ports.${index}.containerPort`, 'duplicate');
    portNumbers.add(key);
  });
  draft.env.forEach((entry, index) => {
    if (!entry.name.trim()) put(`env.${index}.name`, 'required');
    else if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(entry.name)) put(`env.${index}.name`, 'pattern');
    if (entry.source === 'secretKey' || entry.source === 'configMapKey') {
      put(`env.${index}.objectName`, checkDnsSubdomain(entry.objectName));
      put(`env.${index}.key`, entry.key ? undefined : 'required');
    }
    if (entry.source === 'field') put(`env.${index}.value`, entry.value ? undefined : 'required');
  });
  for (const [field, value] of Object.entries(draft.resources)) {
    if (value.trim()) put(`resources.${field}`, isQuantity(value) ? undefined : 'quantity');
  }
  for (const which of ['readinessProbe', 'livenessProbe'] as const) {
    const probeDraft = draft[which];
    if (probeDraft.type === 'http' || probeDraft.type === 'tcp')
      put(`${which}.port`, checkCount(probeDraft.port, 1, 65535));
    if (probeDraft.type === 'exec')
      put(`${which}.command`, lines(probeDraft.command).length > 0 ? undefined : 'required');
  }
  const volumeNames = new Set<string>();
  draft.volumes.forEach((volume, index) => {
    put(`volumes.${index}.name`, checkDnsLabel(volume.name));
    if (volumeNames.has(volume.name)) put(`volumes.${index}.name`, 'duplicate');
    volumeNames.add(volume.name);
    put(
      `volumes.${index}.mountPath`,
      !volume.mountPath ? 'required' : volume.mountPath.startsWith('/') ? undefined : 'absolutePath',
    );
    if (volume.source === 'existingClaim' || volume.source === 'configMap' || volume.source === 'secret') {
      put(`volumes.${index}.objectName`, checkDnsSubdomain(volume.objectName));
    }
  });
  return problems;
}

function checkCount(value: number | '', min: number, max: number): DraftProblem | undefined {
  if (value === '') return 'required';
  return Number.isInteger(value) && value >= min && value <= max ? undefined : 'range';
}

function isQuantity(value: string) {
  try {
    parseQuantity(value.trim());
    return true;
  } catch {
    return false;
  }
}

interface ContainerManifest {
  name?: string;
  image?: string;
  imagePullPolicy?: WorkloadDraft['imagePullPolicy'];
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
      fieldRef?: { fieldPath: string };
    };
  }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: ProbeManifest;
  livenessProbe?: ProbeManifest;
  volumeMounts?: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
}

interface ProbeManifest {
  httpGet?: { path?: string; port: number | string };
  tcpSocket?: { port: number | string };
  exec?: { command?: string[] };
}

interface PodSpecManifest {
  containers?: ContainerManifest[];
  volumes?: {
    name: string;
    persistentVolumeClaim?: { claimName: string };
    configMap?: { name: string };
    secret?: { secretName: string };
  }[];
  nodeSelector?: Record<string, string>;
  tolerations?: Partial<TolerationDraft>[];
}

/** The subset of a workload object the form reads back for Edit and Clone. */
export interface WorkloadManifest {
  kind: string;
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    replicas?: number;
    schedule?: string;
    paused?: boolean;
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    podManagementPolicy?: 'OrderedReady' | 'Parallel';
    template?: { spec?: PodSpecManifest };
    jobTemplate?: { spec?: { template?: { spec?: PodSpecManifest } } };
    volumeClaimTemplates?: KubePersistentVolumeClaim[];
  };
}

/** Annotations Kubernetes and Bokujo write themselves; the person never typed them. */
const systemAnnotation = /(^|\.)kubernetes\.io\/|^bokujo\.io\//;

const toPairs = (record: Record<string, string> | undefined, skip: (key: string) => boolean = () => false) =>
  Object.entries(record ?? {})
    .filter(([key]) => !skip(key))
    .map(([key, value]) => ({ key, value }));

function probeDraft(probe: ProbeManifest | undefined): ProbeDraft {
  if (probe?.httpGet)
    return { ...emptyProbe, type: 'http', path: probe.httpGet.path ?? '/', port: Number(probe.httpGet.port) || '' };
  if (probe?.tcpSocket) return { ...emptyProbe, type: 'tcp', port: Number(probe.tcpSocket.port) || '' };
  if (probe?.exec) return { ...emptyProbe, type: 'exec', command: (probe.exec.command ?? []).join('\n') };
  return emptyProbe;
}

/**
 * A draft from an existing workload, for Edit (same name) and Clone (the caller renames it). Only
 * the first container is edited by the form; claim templates come back as new claims.
 */
export function fromManifest(manifest: WorkloadManifest): WorkloadDraft {
  const kind =
    (Object.keys(workloadKinds) as WorkloadKind[]).find((candidate) => candidate === manifest.kind) ?? 'Deployment';
  const spec = manifest.spec ?? {};
  const podSpec = (kind === 'CronJob' ? spec.jobTemplate?.spec?.template?.spec : spec.template?.spec) ?? {};
  const container = podSpec.containers?.[0] ?? {};
  const name = manifest.metadata.name ?? '';
  const templates = spec.volumeClaimTemplates ?? [];
  const volumes: VolumeDraft[] = (container.volumeMounts ?? []).map((mount) => {
    const mounted = {
      name: mount.name,
      mountPath: mount.mountPath,
      subPath: mount.subPath ?? '',
      readOnly: mount.readOnly ?? false,
    };
    const template = templates.find((candidate) => candidate.metadata.name === mount.name);
    if (template) return { ...mounted, source: 'newClaim', claim: template, objectName: '' };
    const podVolume = podSpec.volumes?.find((candidate) => candidate.name === mount.name);
    if (podVolume?.persistentVolumeClaim)
      return { ...mounted, source: 'existingClaim', objectName: podVolume.persistentVolumeClaim.claimName };
    if (podVolume?.configMap) return { ...mounted, source: 'configMap', objectName: podVolume.configMap.name };
    if (podVolume?.secret) return { ...mounted, source: 'secret', objectName: podVolume.secret.secretName };
    return { ...mounted, source: 'emptyDir', objectName: '' };
  });
  const rolling = spec.strategy?.rollingUpdate;
  return {
    ...emptyWorkloadDraft,
    kind,
    name,
    namespace: manifest.metadata.namespace ?? '',
    image: container.image ?? '',
    imagePullPolicy: container.imagePullPolicy ?? 'IfNotPresent',
    replicas: spec.replicas ?? 1,
    schedule: spec.schedule ?? emptyWorkloadDraft.schedule,
    ports: (container.ports ?? []).map((port) => ({
      name: port.name ?? '',
      containerPort: port.containerPort,
      protocol: port.protocol ?? 'TCP',
      // Services are separate objects; an edit does not change them.
      serviceType: 'None',
      nodePort: '',
    })),
    env: (container.env ?? []).map((variable) => {
      const from = variable.valueFrom;
      if (from?.secretKeyRef)
        return {
          name: variable.name,
          source: 'secretKey',
          value: '',
          objectName: from.secretKeyRef.name,
          key: from.secretKeyRef.key,
        };
      if (from?.configMapKeyRef)
        return {
          name: variable.name,
          source: 'configMapKey',
          value: '',
          objectName: from.configMapKeyRef.name,
          key: from.configMapKeyRef.key,
        };
      if (from?.fieldRef)
        return { name: variable.name, source: 'field', value: from.fieldRef.fieldPath, objectName: '', key: '' };
      return { name: variable.name, source: 'value', value: variable.value ?? '', objectName: '', key: '' };
    }),
    command: (container.command ?? []).join('\n'),
    args: (container.args ?? []).join('\n'),
    resources: {
      cpuRequest: container.resources?.requests?.['cpu'] ?? '',
      cpuLimit: container.resources?.limits?.['cpu'] ?? '',
      memoryRequest: container.resources?.requests?.['memory'] ?? '',
      memoryLimit: container.resources?.limits?.['memory'] ?? '',
    },
    readinessProbe: probeDraft(container.readinessProbe),
    livenessProbe: probeDraft(container.livenessProbe),
    nodeSelector: toPairs(podSpec.nodeSelector),
    tolerations: (podSpec.tolerations ?? []).map((toleration) => ({
      key: toleration.key ?? '',
      operator: toleration.operator ?? 'Equal',
      value: toleration.value ?? '',
      effect: toleration.effect ?? '',
    })),
    strategy:
      spec.strategy?.type === 'Recreate' || spec.updateStrategy?.type === 'OnDelete' ? 'Recreate' : 'RollingUpdate',
    maxSurge: rolling?.maxSurge === undefined ? emptyWorkloadDraft.maxSurge : String(rolling.maxSurge),
    maxUnavailable:
      rolling?.maxUnavailable === undefined ? emptyWorkloadDraft.maxUnavailable : String(rolling.maxUnavailable),
    partition: spec.updateStrategy?.rollingUpdate?.partition ?? '',
    podManagementPolicy: spec.podManagementPolicy ?? 'OrderedReady',
    labels: toPairs(manifest.metadata.labels, (key) => key === workloadLabel),
    annotations: toPairs(manifest.metadata.annotations, (key) => systemAnnotation.test(key)),
    volumes,
  };
}

/** Clone: the same settings under a new name; claim templates stay templates, other claims are shared by name. */
export function cloneDraft(manifest: WorkloadManifest): WorkloadDraft {
  const draft = fromManifest(manifest);
  return { ...draft, name: `${draft.name}-copy`.slice(0, 63) };
}

type UnknownObject = Record<string, unknown>;

const containerKeys = [
  'name',
  'image',
  'imagePullPolicy',
  'command',
  'args',
  'ports',
  'env',
  'resources',
  'readinessProbe',
  'livenessProbe',
  'volumeMounts',
] as const;
const podSpecKeys = ['volumes', 'nodeSelector', 'tolerations'] as const;

/** `base` with `keys` taken from `fresh`: a key the form left empty is removed, not kept from `base`. */
function takeKeys(base: UnknownObject, fresh: UnknownObject, keys: readonly string[]) {
  const result: UnknownObject = { ...base };
  for (const key of keys) {
    if (fresh[key] === undefined) delete result[key];
    else result[key] = fresh[key];
  }
  return result;
}

const asObject = (value: unknown): UnknownObject =>
  value && typeof value === 'object' ? (value as UnknownObject) : {};

/**
 * An edit: the object as Kubernetes has it, with what the form manages replaced. Everything else
 * (other containers, security contexts, the selector and other immutable fields, resourceVersion
 * for the conflict check) is kept, so editing in Bokujo never drops settings it does not show.
 */
export function applyDraft(original: UnknownObject, draft: WorkloadDraft): DeployWorkloadBody {
  const fresh = toManifests(draft);
  const freshWorkload = fresh.workload as unknown as UnknownObject;
  const originalMetadata = asObject(original['metadata']);
  const freshMetadata = asObject(freshWorkload['metadata']);
  const originalSpec = asObject(original['spec']);
  const freshSpec = asObject(freshWorkload['spec']);
  const isCronJob = draft.kind === 'CronJob';

  const templateOf = (spec: UnknownObject) =>
    asObject(isCronJob ? asObject(asObject(spec['jobTemplate'])['spec'])['template'] : spec['template']);
  const originalTemplate = templateOf(originalSpec);
  const freshTemplate = templateOf(freshSpec);
  const originalPodSpec = asObject(originalTemplate['spec']);
  const freshPodSpec = asObject(freshTemplate['spec']);
  const originalContainers = Array.isArray(originalPodSpec['containers'])
    ? (originalPodSpec['containers'] as UnknownObject[])
    : [];
  const freshContainer = asObject((freshPodSpec['containers'] as unknown[])[0]);

  const template = {
    ...originalTemplate,
    metadata: {
      ...asObject(originalTemplate['metadata']),
      // The selector matches the old labels; they stay, the form's are added.
      labels: {
        ...asObject(asObject(originalTemplate['metadata'])['labels']),
        ...asObject(asObject(freshTemplate['metadata'])['labels']),
      },
    },
    spec: {
      ...takeKeys(originalPodSpec, freshPodSpec, podSpecKeys),
      containers: [
        takeKeys(originalContainers[0] ?? {}, freshContainer, containerKeys),
        ...originalContainers.slice(1),
      ],
    },
  };
  const keptAnnotations = Object.fromEntries(
    Object.entries(asObject(originalMetadata['annotations'])).filter(([key]) => systemAnnotation.test(key)),
  );
  const spec: UnknownObject = isCronJob
    ? {
        ...originalSpec,
        schedule: freshSpec['schedule'],
        jobTemplate: {
          ...asObject(originalSpec['jobTemplate']),
          spec: { ...asObject(asObject(originalSpec['jobTemplate'])['spec']), template },
        },
      }
    : {
        ...originalSpec,
        ...freshSpec,
        // Immutable after creation: sending anything else is refused.
        ...('selector' in originalSpec ? { selector: originalSpec['selector'] } : {}),
        ...('serviceName' in originalSpec ? { serviceName: originalSpec['serviceName'] } : {}),
        ...('volumeClaimTemplates' in originalSpec
          ? { volumeClaimTemplates: originalSpec['volumeClaimTemplates'] }
          : {}),
        template,
      };
  const workload = {
    ...original,
    metadata: {
      ...originalMetadata,
      labels: { ...asObject(originalMetadata['labels']), ...asObject(freshMetadata['labels']) },
      annotations: { ...keptAnnotations, ...asObject(freshMetadata['annotations']) },
    },
    spec,
  };
  delete (workload as UnknownObject)['status'];
  return { ...fresh, workload: workload as unknown as DeployWorkloadBody['workload'] };
}
