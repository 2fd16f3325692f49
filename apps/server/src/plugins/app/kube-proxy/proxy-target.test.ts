import { describe, expect, it } from 'vitest';
import { isProxyPath, parseProxyTarget, upstreamPath } from './proxy-target.ts';

describe('parseProxyTarget', () => {
  it('splits cluster and apiserver path, keeping the query verbatim', () => {
    expect(
      parseProxyTarget('/k8s/clusters/c-1/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&watch=true'),
    ).toEqual({
      clusterId: 'c-1',
      pathAndQuery: '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&watch=true',
    });
  });

  it('maps the bare cluster URL to the apiserver root', () => {
    expect(parseProxyTarget('/k8s/clusters/c-1')).toEqual({ clusterId: 'c-1', pathAndQuery: '/' });
    expect(parseProxyTarget('/k8s/clusters/c-1/')).toEqual({ clusterId: 'c-1', pathAndQuery: '/' });
    expect(parseProxyTarget('/k8s/clusters/c-1?timeout=32s')).toEqual({
      clusterId: 'c-1',
      pathAndQuery: '/?timeout=32s',
    });
  });

  it('decodes the cluster id and refuses ids that are no single segment', () => {
    expect(parseProxyTarget('/k8s/clusters/a%20b/version')?.clusterId).toBe('a b');
    expect(parseProxyTarget('/k8s/clusters/a%2Fb/version')).toBeUndefined();
    expect(parseProxyTarget('/k8s/clusters/%E0%A4%A/version')).toBeUndefined();
    expect(parseProxyTarget('/k8s/clusters//version')).toBeUndefined();
    expect(parseProxyTarget('/k8s/clusters/')).toBeUndefined();
  });

  it('ignores every other path', () => {
    expect(parseProxyTarget('/api/v1/clusters')).toBeUndefined();
    expect(parseProxyTarget(undefined)).toBeUndefined();
    expect(isProxyPath('/k8s/clusterx/a')).toBe(false);
  });
});

describe('upstreamPath', () => {
  it('keeps a path prefix of the apiserver URL', () => {
    expect(upstreamPath(new URL('https://10.0.0.1:6443'), '/version')).toBe('/version');
    expect(upstreamPath(new URL('https://lb.example/k8s/clusters/x/'), '/api?timeout=1s')).toBe(
      '/k8s/clusters/x/api?timeout=1s',
    );
  });
});
