import { describe, expect, it } from 'vitest';
import {
  checkStorageClass,
  hasProblems,
  initialStorageClassDraft,
  type StorageClassDraft,
  toStorageClass,
} from './storage-class-draft';

const draft = (patch: Partial<StorageClassDraft>): StorageClassDraft => ({ ...initialStorageClassDraft, ...patch });

describe('a new StorageClass', () => {
  it('starts from the seed’s ontap-gold parameters', () => {
    expect(toStorageClass(draft({ name: 'ontap-gold' }))).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'ontap-gold' },
      provisioner: 'csi.trident.netapp.io',
      parameters: {
        backendType: 'ontap-nas',
        media: 'ssd',
        provisioningType: 'thin',
        snapshots: 'true',
        clones: 'true',
      },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: false,
    });
  });

  it('writes the SolidFire preset, extra parameters and mount options', () => {
    const storageClass = toStorageClass(
      draft({
        name: 'solidfire-gold',
        preset: 'solidfire-san',
        provisioner: ' bokujo.test/solidfire-san ',
        parameters: [
          { id: 1, key: 'qosType', value: 'Gold' },
          { id: 2, key: '', value: '' },
        ],
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
        mountOptions: ['nfsvers=4.1'],
      }),
    );
    expect(storageClass.provisioner).toBe('bokujo.test/solidfire-san');
    expect(storageClass.parameters).toEqual({
      backendType: 'solidfire-san',
      IOPS: '8000',
      fsType: 'ext4',
      qosType: 'Gold',
    });
    expect(storageClass).toMatchObject({
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      mountOptions: ['nfsvers=4.1'],
    });
  });

  it('leaves parameters out entirely for a custom class without any', () => {
    expect(
      toStorageClass(draft({ name: 'local', preset: 'custom', provisioner: 'kubernetes.io/no-provisioner' })),
    ).not.toHaveProperty('parameters');
  });

  it('names the field and the reason for each bad answer', () => {
    expect(checkStorageClass(draft({ name: '' })).name).toBe('required');
    expect(checkStorageClass(draft({ name: 'Gold_Class' })).name).toBe('pattern');
    expect(checkStorageClass(draft({ name: 'a'.repeat(254) })).name).toBe('tooLong');
    expect(checkStorageClass(draft({ name: 'gold', provisioner: ' ' })).provisioner).toBe('required');
    expect(checkStorageClass(draft({ name: 'gold', provisioner: 'netapp io/trident' })).provisioner).toBe('pattern');
    expect(
      checkStorageClass(draft({ name: 'gold', preset: 'solidfire-san', solidfire: { iops: '8k', fsType: 'ext4' } }))
        .iops,
    ).toBe('notPositiveInteger');
    const problems = checkStorageClass(
      draft({
        name: 'gold',
        parameters: [
          { id: 1, key: 'media', value: 'hdd' },
          { id: 2, key: 'exportPolicy', value: 'a' },
          { id: 3, key: 'exportPolicy', value: 'b' },
          { id: 4, key: '', value: 'orphan' },
        ],
      }),
    );
    expect(problems.parameters).toEqual({ 1: 'setByPreset', 3: 'duplicate', 4: 'keyRequired' });
    expect(hasProblems(problems)).toBe(true);
    expect(hasProblems(checkStorageClass(draft({ name: 'ontap-gold' })))).toBe(false);
  });
});
