import { describe, expect, it } from 'vitest';
import { collectionPath, objectPath, parseObjectPath } from './api-path';

describe('object API paths', () => {
  it('reads namespaced objects of named groups and of the core group', () => {
    expect(parseObjectPath('/apis/apps/v1/namespaces/shop/deployments/web')).toEqual({
      group: 'apps',
      version: 'v1',
      namespace: 'shop',
      resource: 'deployments',
      name: 'web',
    });
    expect(parseObjectPath('/api/v1/namespaces/shop/pods/web-7d9c-abcde')).toMatchObject({
      group: '',
      resource: 'pods',
      name: 'web-7d9c-abcde',
    });
  });

  it('reads cluster-scoped objects, a namespace itself included', () => {
    expect(parseObjectPath('/apis/storage.k8s.io/v1/storageclasses/fast')).toEqual({
      group: 'storage.k8s.io',
      version: 'v1',
      namespace: undefined,
      resource: 'storageclasses',
      name: 'fast',
    });
    expect(parseObjectPath('/api/v1/namespaces/shop')).toMatchObject({ resource: 'namespaces', name: 'shop' });
  });

  it.each([
    '/api/v1/namespaces/shop/pods',
    '/api/v1/namespaces/shop/pods/web/exec',
    '/api/v1/namespaces/shop/pods/../secrets',
    '/api/v1/pods/web?watch=true',
    'https://evil.example/api/v1/pods/x',
    '/healthz/x/y',
    '/apis/apps',
    '',
  ])('refuses %j, which names no single object', (path) => {
    expect(parseObjectPath(path)).toBeUndefined();
  });

  it('builds the collection and object paths of a kind', () => {
    expect(collectionPath('v1', 'configmaps', 'shop')).toBe('/api/v1/namespaces/shop/configmaps');
    expect(collectionPath('rbac.authorization.k8s.io/v1', 'clusterroles', undefined)).toBe(
      '/apis/rbac.authorization.k8s.io/v1/clusterroles',
    );
    expect(objectPath('apps/v1', 'deployments', 'shop', 'web')).toBe('/apis/apps/v1/namespaces/shop/deployments/web');
  });
});
