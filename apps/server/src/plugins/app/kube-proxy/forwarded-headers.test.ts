import { describe, expect, it } from 'vitest';
import {
  connectionNamedHeaders,
  forwardableRequestHeaders,
  forwardableResponseHeaders,
  headerValue,
  upstreamRequestHeaders,
} from './forwarded-headers.ts';

const identity = { user: 'bokujo:alice', groups: ['bokujo:developers', 'system:authenticated'] };

describe('forwardableRequestHeaders', () => {
  it('keeps end-to-end headers with every value apart', () => {
    const kept = forwardableRequestHeaders({
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json',
      'content-type': 'application/apply-patch+yaml',
      'content-length': '42',
      'user-agent': 'kubectl/v1.37.2',
      warning: ['299 - "one"', '299 - "two"'],
    });
    expect(kept).toEqual({
      accept: ['application/json;as=Table;v=v1;g=meta.k8s.io, application/json'],
      'content-type': ['application/apply-patch+yaml'],
      'content-length': ['42'],
      'user-agent': ['kubectl/v1.37.2'],
      warning: ['299 - "one"', '299 - "two"'],
    });
  });

  it('strips the caller’s credentials and Bokujo’s own secrets', () => {
    const kept = forwardableRequestHeaders({
      Authorization: 'Bearer cluster-admin-token',
      'Proxy-Authorization': 'Basic YTpi',
      Cookie: 'bokujo_session=abc; bokujo_csrf=def',
      'X-CSRF-Token': 'def',
      accept: '*/*',
    });
    expect(kept).toEqual({ accept: ['*/*'] });
  });

  it('strips every Impersonate-* header whatever its case', () => {
    const kept = forwardableRequestHeaders({
      'Impersonate-User': 'system:admin',
      'impersonate-group': ['system:masters', 'system:nodes'],
      'IMPERSONATE-UID': '0',
      'Impersonate-Extra-Scopes': 'everything',
      'iMpErSoNaTe-ExTrA-reason%2Fwhy': 'because',
      accept: '*/*',
    });
    expect(kept).toEqual({ accept: ['*/*'] });
  });

  it('strips request-header authentication and front-proxy identity headers', () => {
    const kept = forwardableRequestHeaders({
      'X-Remote-User': 'system:admin',
      'X-Remote-Group': 'system:masters',
      'X-Remote-Extra-Scopes': 'all',
      'X-Forwarded-User': 'root',
      'X-Forwarded-Email': 'root@example.com',
      'X-Forwarded-Groups': 'system:masters',
      'X-Forwarded-Preferred-Username': 'root',
      'X-Auth-Request-User': 'root',
      'x-forwarded-for': '203.0.113.9',
    });
    expect(kept).toEqual({ 'x-forwarded-for': ['203.0.113.9'] });
  });

  it('strips hop-by-hop headers and the connection’s own ones', () => {
    const kept = forwardableRequestHeaders({
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
      'proxy-connection': 'keep-alive',
      te: 'trailers',
      trailer: 'x-checksum',
      'transfer-encoding': 'chunked',
      upgrade: 'websocket',
      host: 'bokujo.example',
      expect: '100-continue',
      ':authority': 'bokujo.example',
      accept: '*/*',
    });
    expect(kept).toEqual({ accept: ['*/*'] });
  });

  it('drops whatever the caller names in Connection (CVE-2021-31999)', () => {
    const kept = forwardableRequestHeaders({
      Connection: ['keep-alive, Impersonate-User', 'X-Debug ,ACCEPT-language'],
      'impersonate-user': 'system:admin',
      'x-debug': '1',
      'accept-language': 'ja',
      'content-type': 'application/json',
    });
    expect(kept).toEqual({ 'content-type': ['application/json'] });
  });

  it('removes bearer tokens offered as websocket subprotocols and keeps the real ones', () => {
    const kept = forwardableRequestHeaders({
      'sec-websocket-protocol': 'base64url.bearer.authorization.k8s.io.c2VjcmV0, v5.channel.k8s.io, v4.channel.k8s.io',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    });
    expect(kept).toEqual({
      'sec-websocket-protocol': ['v5.channel.k8s.io, v4.channel.k8s.io'],
      'sec-websocket-key': ['dGhlIHNhbXBsZSBub25jZQ=='],
    });
    expect(forwardableRequestHeaders({ 'Sec-WebSocket-Protocol': 'Base64Url.Bearer.Authorization.K8s.Io.eA' })).toEqual(
      {},
    );
  });
});

describe('upstreamRequestHeaders', () => {
  it('adds Bokujo’s credential and the person’s identity after filtering', () => {
    const headers = upstreamRequestHeaders(
      {
        authorization: 'Bearer stolen',
        'impersonate-user': 'system:admin',
        'impersonate-group': 'system:masters',
        connection: 'Impersonate-User, Impersonate-Group, Authorization',
        accept: 'application/json',
      },
      { identity, bearerToken: 'bokujo-sa-token' },
    );
    expect(headers).toEqual({
      accept: ['application/json'],
      authorization: 'Bearer bokujo-sa-token',
      'impersonate-user': 'bokujo:alice',
      'impersonate-group': ['bokujo:developers', 'system:authenticated'],
    });
  });

  it('sends no Authorization when Bokujo authenticates with a client certificate', () => {
    const headers = upstreamRequestHeaders({ authorization: 'Bearer stolen' }, { identity });
    expect(headers['authorization']).toBeUndefined();
    expect(headers['impersonate-user']).toBe('bokujo:alice');
  });

  it('re-declares an upgrade for Bokujo’s own hop only', () => {
    const headers = upstreamRequestHeaders(
      {
        connection: 'Upgrade, Impersonate-User',
        upgrade: 'SPDY/3.1',
        'x-stream-protocol-version': ['v4.channel.k8s.io', 'v3.channel.k8s.io'],
      },
      { identity, upgrade: 'SPDY/3.1' },
    );
    expect(headers).toMatchObject({
      connection: 'Upgrade',
      upgrade: 'SPDY/3.1',
      'x-stream-protocol-version': ['v4.channel.k8s.io', 'v3.channel.k8s.io'],
      'impersonate-user': 'bokujo:alice',
    });
  });
});

describe('forwardableResponseHeaders', () => {
  it('passes the apiserver’s headers but no cookies and no hop-by-hop ones', () => {
    const headers = forwardableResponseHeaders({
      'content-type': ['application/json'],
      'audit-id': ['d1f0'],
      warning: ['299 - "policy/v1beta1 is deprecated"', '299 - "other"'],
      'set-cookie': ['bokujo_session=evil; Path=/'],
      'transfer-encoding': ['chunked'],
      connection: ['keep-alive, x-internal'],
      'keep-alive': ['timeout=90'],
      'x-internal': ['1'],
    });
    expect(headers).toEqual({
      'content-type': 'application/json',
      'audit-id': 'd1f0',
      warning: ['299 - "policy/v1beta1 is deprecated"', '299 - "other"'],
    });
  });
});

describe('connectionNamedHeaders', () => {
  it('collects tokens from every Connection header, lower-cased and trimmed', () => {
    expect([...connectionNamedHeaders({ Connection: ' Foo,BAR ', CONNECTION: ['baz', ''] })]).toEqual([
      'foo',
      'bar',
      'baz',
    ]);
  });
});

describe('headerValue', () => {
  it('sends non-ASCII text as its UTF-8 bytes', () => {
    const value = headerValue('bokujo:山田');
    expect(Buffer.from(value, 'latin1').toString('utf8')).toBe('bokujo:山田');
    expect(headerValue('bokujo:alice')).toBe('bokujo:alice');
  });

  it('refuses control characters', () => {
    expect(() => headerValue('alice\r\nImpersonate-Group: system:masters')).toThrow(/control character/);
  });
});
