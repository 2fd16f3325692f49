import { describe, expect, it } from 'vitest';
import type { KubeStorageClass } from '@/lib/k8s/types';
import { defaultClassNames, effectiveDefaultClass, isDefaultClass, unservableAccessModes } from './storage-classes';

const storageClass = (name: string, annotations: Record<string, string>, created = '2026-01-01T00:00:00Z') =>
  ({
    metadata: { name, annotations, creationTimestamp: created },
    provisioner: 'csi.trident.netapp.io',
  }) satisfies KubeStorageClass;

describe('default StorageClasses', () => {
  it('counts the GA and the beta annotation, and only the value "true"', () => {
    expect(isDefaultClass(storageClass('a', { 'storageclass.kubernetes.io/is-default-class': 'true' }))).toBe(true);
    expect(isDefaultClass(storageClass('b', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }))).toBe(
      true,
    );
    expect(isDefaultClass(storageClass('c', { 'storageclass.kubernetes.io/is-default-class': 'false' }))).toBe(false);
    expect(isDefaultClass({ metadata: { name: 'd' } })).toBe(false);
  });

  it('names every default and picks the newest as the one Kubernetes uses', () => {
    const classes = [
      storageClass('ontap-gold', { 'storageclass.kubernetes.io/is-default-class': 'true' }, '2026-01-01T00:00:00Z'),
      storageClass('plain', {}),
      storageClass('legacy', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }, '2026-02-01T00:00:00Z'),
    ];
    expect(defaultClassNames(classes)).toEqual(['ontap-gold', 'legacy']);
    expect(effectiveDefaultClass(classes)?.metadata.name).toBe('legacy');
    expect(effectiveDefaultClass([storageClass('plain', {})])).toBeUndefined();
  });
});

describe('access modes a backend serves', () => {
  it('warns that a block backend cannot share a volume between nodes', () => {
    const solidfire = { parameters: { backendType: 'solidfire-san', IOPS: '8000' } };
    expect(unservableAccessModes(solidfire, ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'])).toEqual([
      'ReadWriteMany',
      'ReadOnlyMany',
    ]);
    expect(unservableAccessModes(solidfire, ['ReadWriteOnce'])).toEqual([]);
  });

  it('lets a file backend serve every mode, and says nothing about a backend it does not know', () => {
    expect(unservableAccessModes({ parameters: { backendType: 'ontap-nas' } }, ['ReadWriteMany'])).toEqual([]);
    expect(unservableAccessModes({ parameters: {} }, ['ReadWriteMany'])).toEqual([]);
    expect(unservableAccessModes(undefined, ['ReadWriteMany'])).toEqual([]);
  });
});
