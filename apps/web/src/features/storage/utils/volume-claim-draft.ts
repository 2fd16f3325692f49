import type { KubePersistentVolume, KubePersistentVolumeClaim, PersistentVolumeAccessMode } from '@/lib/k8s/types';
import { checkDnsSubdomain, type NameProblem } from '@bokujo/shared';
import { bytesOf, gibibyteQuantity } from './quantities';

export const accessModes: PersistentVolumeAccessMode[] = [
  'ReadWriteOnce',
  'ReadOnlyMany',
  'ReadWriteMany',
  'ReadWriteOncePod',
];

/** As kubectl abbreviates them in its tables. */
export const accessModeAbbreviations: Record<PersistentVolumeAccessMode, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

export type VolumeSource = 'storageClass' | 'existingVolume';

export interface VolumeClaimDraft {
  name: string;
  namespace: string;
  source: VolumeSource;
  storageClassName: string;
  volumeName: string;
  /** Whole GiB; '' while the field is empty. */
  capacityGiB: number | '';
  accessModes: PersistentVolumeAccessMode[];
  /** A claim in the same namespace to copy (spec.dataSource); '' for an empty volume. */
  cloneFrom: string;
}

export const emptyVolumeClaimDraft: VolumeClaimDraft = {
  name: '',
  namespace: '',
  source: 'storageClass',
  storageClassName: '',
  volumeName: '',
  capacityGiB: 10,
  accessModes: ['ReadWriteOnce'],
  cloneFrom: '',
};

export type CapacityProblem = 'required' | 'notPositive' | 'largerThanVolume' | 'smallerThanSource';

export interface VolumeClaimProblems {
  name?: NameProblem | 'taken';
  namespace?: 'required';
  storageClass?: 'required';
  volume?: 'required';
  capacity?: CapacityProblem;
  accessModes?: 'required';
}

export interface VolumeClaimContext {
  volumes: KubePersistentVolume[];
  /** Claims in the chosen namespace: names must be new, clones need their source's size. */
  claims: KubePersistentVolumeClaim[];
}

const gibibyte = 1024 ** 3;

export function checkVolumeClaim(draft: VolumeClaimDraft, context: VolumeClaimContext): VolumeClaimProblems {
  const problems: VolumeClaimProblems = {};
  const name = checkDnsSubdomain(draft.name);
  if (name) problems.name = name;
  else if (context.claims.some((claim) => claim.metadata.name === draft.name)) problems.name = 'taken';
  if (!draft.namespace) problems.namespace = 'required';
  if (draft.source === 'storageClass' && !draft.storageClassName) problems.storageClass = 'required';
  if (draft.source === 'existingVolume' && !draft.volumeName) problems.volume = 'required';
  if (draft.accessModes.length === 0) problems.accessModes = 'required';

  if (draft.capacityGiB === '') problems.capacity = 'required';
  else if (!Number.isInteger(draft.capacityGiB) || draft.capacityGiB < 1) problems.capacity = 'notPositive';
  else {
    const requested = draft.capacityGiB * gibibyte;
    const volume = context.volumes.find((candidate) => candidate.metadata.name === draft.volumeName);
    const source = context.claims.find((claim) => claim.metadata.name === draft.cloneFrom);
    // A PV binds only a claim that asks for no more than it holds.
    if (draft.source === 'existingVolume' && volume && requested > (bytesOf(volume.spec?.capacity?.storage) ?? 0))
      problems.capacity = 'largerThanVolume';
    // A clone starts as a copy, so it must hold at least what its source holds.
    else if (draft.source === 'storageClass' && source && requested < (claimBytes(source) ?? 0))
      problems.capacity = 'smallerThanSource';
  }
  return problems;
}

export const hasProblems = (problems: VolumeClaimProblems) => Object.keys(problems).length > 0;

/** What the claim holds once bound, else what it asks for. */
export function claimBytes(claim: KubePersistentVolumeClaim) {
  return bytesOf(claim.status?.capacity?.storage) ?? bytesOf(claim.spec?.resources?.requests?.storage);
}

export function toVolumeClaim(draft: VolumeClaimDraft, volumes: KubePersistentVolume[]): KubePersistentVolumeClaim {
  const storage = gibibyteQuantity(typeof draft.capacityGiB === 'number' ? draft.capacityGiB : 0);
  const volume = volumes.find((candidate) => candidate.metadata.name === draft.volumeName);
  const spec: NonNullable<KubePersistentVolumeClaim['spec']> = {
    accessModes: draft.accessModes,
    resources: { requests: { storage } },
  };
  if (draft.source === 'storageClass') {
    spec.storageClassName = draft.storageClassName;
    if (draft.cloneFrom) spec.dataSource = { kind: 'PersistentVolumeClaim', name: draft.cloneFrom };
  } else {
    spec.volumeName = draft.volumeName;
    // The class must match the volume's; left out, the default class would be filled in and the
    // claim would never bind. "" is how Kubernetes spells "no class".
    spec.storageClassName = volume?.spec?.storageClassName ?? '';
  }
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: draft.name, namespace: draft.namespace },
    spec,
  };
}
