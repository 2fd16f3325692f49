import type { V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  annotations,
  blockProvisioner,
  buildPersistentVolume,
  cloneSourceName,
  fileProvisioner,
  ProvisioningError,
  seedStorageClasses,
  selectQos,
} from './storage-backends.ts';

const [ontapGold, solidfireGold] = seedStorageClasses as [V1StorageClass, V1StorageClass];

function claim(
  overrides: Partial<V1PersistentVolumeClaim['spec']> = {},
  extraAnnotations: Record<string, string> = {},
): V1PersistentVolumeClaim {
  return {
    metadata: { name: 'data', namespace: 'apps', uid: '1234-abcd', annotations: extraAnnotations },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, ...overrides },
  };
}

function boundSource(provisioner: string, size = '5Gi'): { pvc: V1PersistentVolumeClaim; pv: V1PersistentVolume } {
  return {
    pvc: {
      metadata: { name: 'origin', namespace: 'apps' },
      spec: { volumeName: 'pvc-origin' },
      status: { phase: 'Bound' },
    },
    pv: {
      metadata: { name: 'pvc-origin', annotations: { [annotations.provisionedBy]: provisioner } },
      spec: { capacity: { storage: size }, volumeMode: 'Filesystem', hostPath: { path: '/tmp/origin' } },
    },
  };
}

describe('selectQos', () => {
  it('maps the seed IOPS to the cheapest type that reaches it', () => {
    expect(selectQos({ IOPS: '8000' }).type).toBe('Gold');
    expect(selectQos({ IOPS: '6000' }).type).toBe('Silver');
    expect(selectQos({ IOPS: '1500' }).type).toBe('Bronze');
    expect(selectQos({}).type).toBe('Bronze');
  });

  it('accepts a named type and refuses what no type delivers', () => {
    expect(selectQos({ qosType: 'gold' })).toEqual({ type: 'Gold', minIOPS: 6000, maxIOPS: 8000, burstIOPS: 10000 });
    expect(() => selectQos({ IOPS: '20000' })).toThrow(/no QoS type delivers 20000 IOPS/);
    expect(() => selectQos({ qosType: 'Platinum' })).toThrow(ProvisioningError);
  });
});

describe('buildPersistentVolume', () => {
  it('creates a bound-to-claim PV with the claim size, modes and the class policy', () => {
    const pv = buildPersistentVolume({
      pvc: claim({ accessModes: ['ReadWriteMany'] }),
      storageClass: ontapGold,
      volumesDir: '/vols',
    });
    expect(pv.metadata?.name).toBe('pvc-1234-abcd');
    expect(pv.metadata?.annotations?.[annotations.provisionedBy]).toBe(fileProvisioner);
    expect(pv.spec).toMatchObject({
      capacity: { storage: '5Gi' },
      accessModes: ['ReadWriteMany'],
      volumeMode: 'Filesystem',
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'ontap-gold',
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'apps', name: 'data', uid: '1234-abcd' },
      hostPath: { path: '/vols/pvc-1234-abcd' },
    });
  });

  it('records the QoS of block volumes and honours Trident reclaim overrides', () => {
    const pv = buildPersistentVolume({
      pvc: claim({ volumeMode: 'Block' }, { [annotations.reclaimPolicy]: 'Retain' }),
      storageClass: solidfireGold,
      volumesDir: '/vols',
    });
    expect(pv.metadata?.annotations).toMatchObject({
      [annotations.provisionedBy]: blockProvisioner,
      [annotations.qosType]: 'Gold',
      [annotations.minIops]: '6000',
      [annotations.maxIops]: '8000',
      [annotations.burstIops]: '10000',
    });
    expect(pv.spec?.volumeMode).toBe('Block');
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
  });

  it('refuses access and volume modes the backend cannot serve', () => {
    expect(() =>
      buildPersistentVolume({
        pvc: claim({ accessModes: ['ReadWriteMany'] }),
        storageClass: solidfireGold,
        volumesDir: '/v',
      }),
    ).toThrow(/cannot serve access mode ReadWriteMany/);
    expect(() =>
      buildPersistentVolume({ pvc: claim({ volumeMode: 'Block' }), storageClass: ontapGold, volumesDir: '/v' }),
    ).toThrow(/cannot serve volumeMode Block/);
  });

  it('refuses a class whose backendType does not match its provisioner', () => {
    const mismatched: V1StorageClass = { ...ontapGold, parameters: { backendType: 'solidfire-san' } };
    expect(() => buildPersistentVolume({ pvc: claim(), storageClass: mismatched, volumesDir: '/v' })).toThrow(
      /asks for backendType solidfire-san/,
    );
  });

  it('clones from a bound source of the same backend only, and no smaller than it', () => {
    const pvc = claim({}, { [annotations.cloneFromPvc]: 'origin' });
    const pv = buildPersistentVolume({
      pvc,
      storageClass: ontapGold,
      volumesDir: '/v',
      source: boundSource(fileProvisioner),
    });
    expect(pv.metadata?.annotations?.[annotations.clonedFrom]).toBe('apps/origin');

    const unbound = { pvc: { ...boundSource(fileProvisioner).pvc, status: { phase: 'Pending' } } };
    const pending = (): unknown =>
      buildPersistentVolume({ pvc, storageClass: ontapGold, volumesDir: '/v', source: unbound });
    expect(pending).toThrow(/is not bound yet/);
    expect(() => pending()).toThrow(expect.objectContaining({ retry: true }) as Error);

    expect(() =>
      buildPersistentVolume({ pvc, storageClass: ontapGold, volumesDir: '/v', source: boundSource(blockProvisioner) }),
    ).toThrow(/clones only its own volumes/);
    expect(() =>
      buildPersistentVolume({
        pvc,
        storageClass: ontapGold,
        volumesDir: '/v',
        source: boundSource(fileProvisioner, '10Gi'),
      }),
    ).toThrow(/at least as large/);
    const noClones: V1StorageClass = { ...ontapGold, parameters: { ...ontapGold.parameters, clones: 'false' } };
    expect(() =>
      buildPersistentVolume({ pvc, storageClass: noClones, volumesDir: '/v', source: boundSource(fileProvisioner) }),
    ).toThrow(/does not allow clones/);
  });

  it('finds the clone source in dataSource, dataSourceRef or the Trident annotation', () => {
    expect(cloneSourceName(claim({ dataSource: { kind: 'PersistentVolumeClaim', name: 'a' } }))).toBe('a');
    expect(cloneSourceName(claim({ dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'b' } }))).toBe('b');
    expect(cloneSourceName(claim({}, { [annotations.cloneFromPvc]: 'c' }))).toBe('c');
    expect(
      cloneSourceName(
        claim({ dataSource: { kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io', name: 's' } }),
      ),
    ).toBeUndefined();
  });
});

describe('seed StorageClasses', () => {
  it('carry the seed parameters and neither is default', () => {
    expect(ontapGold.parameters).toEqual({
      backendType: 'ontap-nas',
      media: 'ssd',
      provisioningType: 'thin',
      snapshots: 'true',
      clones: 'true',
    });
    expect(solidfireGold.parameters).toEqual({ backendType: 'solidfire-san', IOPS: '8000', fsType: 'ext4' });
    for (const storageClass of seedStorageClasses) {
      expect(storageClass.metadata?.annotations?.[annotations.defaultClass]).toBeUndefined();
    }
  });
});
