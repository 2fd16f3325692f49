import type { KubeStorageClass, VolumeBindingMode } from '@/lib/k8s/types';
import { checkDnsSubdomain, type NameProblem } from '@bokujo/shared';

/** The CSI driver name Trident registers; the seed's classes named its older `netapp.io/trident`. */
export const tridentProvisioner = 'csi.trident.netapp.io';

export type PresetId = 'ontap-nas' | 'solidfire-san' | 'custom';

/**
 * Starting points for a new class. The Trident ones carry the parameters the seed's backends
 * take; their provisioner stays editable, since a cluster may run Trident under another name.
 */
export const presets: { id: PresetId; provisioner: string }[] = [
  { id: 'ontap-nas', provisioner: tridentProvisioner },
  { id: 'solidfire-san', provisioner: tridentProvisioner },
  { id: 'custom', provisioner: '' },
];

export const ontapMedia = ['ssd', 'hybrid', 'hdd'] as const;
export const provisioningTypes = ['thin', 'thick'] as const;
export const fsTypes = ['ext4', 'xfs'] as const;
/** Recycle is deprecated and refused for dynamically provisioned volumes. */
export const reclaimPolicies = ['Delete', 'Retain'] as const;
export const bindingModes: VolumeBindingMode[] = ['Immediate', 'WaitForFirstConsumer'];

export interface ParameterDraft {
  /** Stable React key while rows are added and removed. */
  id: number;
  key: string;
  value: string;
}

export interface StorageClassDraft {
  name: string;
  preset: PresetId;
  provisioner: string;
  ontap: {
    media: (typeof ontapMedia)[number];
    provisioningType: (typeof provisioningTypes)[number];
    snapshots: boolean;
    clones: boolean;
  };
  solidfire: { iops: string; fsType: (typeof fsTypes)[number] };
  parameters: ParameterDraft[];
  reclaimPolicy: (typeof reclaimPolicies)[number];
  volumeBindingMode: VolumeBindingMode;
  allowVolumeExpansion: boolean;
  mountOptions: string[];
}

/** The seed's ontap-gold, unnamed: the most common start. */
export const initialStorageClassDraft: StorageClassDraft = {
  name: '',
  preset: 'ontap-nas',
  provisioner: tridentProvisioner,
  ontap: { media: 'ssd', provisioningType: 'thin', snapshots: true, clones: true },
  solidfire: { iops: '8000', fsType: 'ext4' },
  parameters: [],
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
  allowVolumeExpansion: false,
  mountOptions: [],
};

/** The parameters the chosen preset sets, in the seed's spelling (Trident reads strings only). */
export function presetParameters(draft: StorageClassDraft): Record<string, string> {
  switch (draft.preset) {
    case 'ontap-nas':
      return {
        backendType: 'ontap-nas',
        media: draft.ontap.media,
        provisioningType: draft.ontap.provisioningType,
        snapshots: String(draft.ontap.snapshots),
        clones: String(draft.ontap.clones),
      };
    case 'solidfire-san':
      return {
        backendType: 'solidfire-san',
        ...(draft.solidfire.iops.trim() ? { IOPS: draft.solidfire.iops.trim() } : {}),
        fsType: draft.solidfire.fsType,
      };
    case 'custom':
      return {};
  }
}

export function toStorageClass(draft: StorageClassDraft): KubeStorageClass {
  const parameters = { ...presetParameters(draft) };
  for (const parameter of draft.parameters) {
    if (parameter.key.trim()) parameters[parameter.key.trim()] = parameter.value;
  }
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: draft.name },
    provisioner: draft.provisioner.trim(),
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    reclaimPolicy: draft.reclaimPolicy,
    volumeBindingMode: draft.volumeBindingMode,
    allowVolumeExpansion: draft.allowVolumeExpansion,
    ...(draft.mountOptions.length > 0 ? { mountOptions: draft.mountOptions } : {}),
  };
}

export type ProvisionerProblem = 'required' | 'pattern';
export type IopsProblem = 'notPositiveInteger';
export type ParameterProblem = 'keyRequired' | 'duplicate' | 'setByPreset';

export interface StorageClassProblems {
  name?: NameProblem;
  provisioner?: ProvisionerProblem;
  iops?: IopsProblem;
  parameters: Record<number, ParameterProblem>;
}

// A qualified name as the apiserver checks a provisioner: an optional DNS-subdomain prefix and "/",
// then a name of at most 63 characters.
const provisionerPattern =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export function checkStorageClass(draft: StorageClassDraft): StorageClassProblems {
  const problems: StorageClassProblems = { parameters: {} };
  const name = checkDnsSubdomain(draft.name);
  if (name) problems.name = name;
  const provisioner = draft.provisioner.trim();
  if (!provisioner) problems.provisioner = 'required';
  else if (!provisionerPattern.test(provisioner)) problems.provisioner = 'pattern';
  if (
    draft.preset === 'solidfire-san' &&
    draft.solidfire.iops.trim() &&
    !/^[1-9][0-9]*$/.test(draft.solidfire.iops.trim())
  )
    problems.iops = 'notPositiveInteger';
  const fromPreset = new Set(Object.keys(presetParameters(draft)));
  const seen = new Set<string>();
  for (const parameter of draft.parameters) {
    const key = parameter.key.trim();
    if (!key) {
      if (parameter.value) problems.parameters[parameter.id] = 'keyRequired';
      continue;
    }
    if (fromPreset.has(key)) problems.parameters[parameter.id] = 'setByPreset';
    else if (seen.has(key)) problems.parameters[parameter.id] = 'duplicate';
    seen.add(key);
  }
  return problems;
}

export const hasProblems = (problems: StorageClassProblems) =>
  Boolean(problems.name || problems.provisioner || problems.iops || Object.keys(problems.parameters).length > 0);
