import { describe, expect, it } from 'vitest';
import type { KubePersistentVolume, KubePersistentVolumeClaim } from '@/lib/k8s/types';
import {
  checkVolumeClaim,
  emptyVolumeClaimDraft,
  toVolumeClaim,
  type VolumeClaimContext,
  type VolumeClaimDraft,
} from './volume-claim-draft';

const draft = (patch: Partial<VolumeClaimDraft>): VolumeClaimDraft => ({
  ...emptyVolumeClaimDraft,
  name: 'mysql-data',
  namespace: 'wordpress',
  storageClassName: 'ontap-gold',
  ...patch,
});

const available: KubePersistentVolume = {
  metadata: { name: 'nfs-archive' },
  spec: { capacity: { storage: '50Gi' }, storageClassName: 'manual', accessModes: ['ReadWriteMany'] },
  status: { phase: 'Available' },
};
const mysqlClaim: KubePersistentVolumeClaim = {
  metadata: { name: 'mysql-pv-claim', namespace: 'wordpress' },
  spec: { resources: { requests: { storage: '20Gi' } } },
  status: { phase: 'Bound', capacity: { storage: '20Gi' } },
};
const context: VolumeClaimContext = { volumes: [available], claims: [mysqlClaim] };

describe('a new PersistentVolumeClaim', () => {
  it('asks the chosen class for a new volume', () => {
    expect(toVolumeClaim(draft({ capacityGiB: 20, accessModes: ['ReadWriteMany'] }), [])).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'mysql-data', namespace: 'wordpress' },
      spec: {
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: '20Gi' } },
        storageClassName: 'ontap-gold',
      },
    });
  });

  it('clones another claim through spec.dataSource', () => {
    const claim = toVolumeClaim(draft({ capacityGiB: 20, cloneFrom: 'mysql-pv-claim' }), []);
    expect(claim.spec?.dataSource).toEqual({ kind: 'PersistentVolumeClaim', name: 'mysql-pv-claim' });
  });

  it('binds an existing volume by name, with the volume’s own class so no default is filled in', () => {
    const claim = toVolumeClaim(
      draft({ source: 'existingVolume', volumeName: 'nfs-archive', cloneFrom: 'ignored', capacityGiB: 50 }),
      [available],
    );
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '50Gi' } },
      volumeName: 'nfs-archive',
      storageClassName: 'manual',
    });
  });

  it('names the field and the reason for each bad answer', () => {
    expect(checkVolumeClaim(draft({}), context)).toEqual({});
    expect(checkVolumeClaim(draft({ name: '' }), context).name).toBe('required');
    expect(checkVolumeClaim(draft({ name: 'MySQL' }), context).name).toBe('pattern');
    expect(checkVolumeClaim(draft({ name: 'mysql-pv-claim' }), context).name).toBe('taken');
    expect(checkVolumeClaim(draft({ namespace: '' }), context).namespace).toBe('required');
    expect(checkVolumeClaim(draft({ storageClassName: '' }), context).storageClass).toBe('required');
    expect(checkVolumeClaim(draft({ source: 'existingVolume' }), context).volume).toBe('required');
    expect(checkVolumeClaim(draft({ accessModes: [] }), context).accessModes).toBe('required');
    expect(checkVolumeClaim(draft({ capacityGiB: '' }), context).capacity).toBe('required');
    expect(checkVolumeClaim(draft({ capacityGiB: 0 }), context).capacity).toBe('notPositive');
    expect(checkVolumeClaim(draft({ capacityGiB: 1.5 }), context).capacity).toBe('notPositive');
    expect(
      checkVolumeClaim(draft({ source: 'existingVolume', volumeName: 'nfs-archive', capacityGiB: 51 }), context)
        .capacity,
    ).toBe('largerThanVolume');
    expect(checkVolumeClaim(draft({ cloneFrom: 'mysql-pv-claim', capacityGiB: 10 }), context).capacity).toBe(
      'smallerThanSource',
    );
    expect(checkVolumeClaim(draft({ cloneFrom: 'mysql-pv-claim', capacityGiB: 20 }), context)).toEqual({});
  });
});
