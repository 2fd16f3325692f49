import { describe, expect, it } from 'vitest';
import { execWebSocketUrl } from './exec-url';

describe('exec websocket address', () => {
  it('points at the passthrough of the page’s own origin with a TTY shell', () => {
    const url = new URL(
      execWebSocketUrl({ protocol: 'https:', host: 'bokujo.example.com' }, 'c-1', 'shop', 'web-1', {
        container: 'nginx',
        command: '/bin/sh',
      }),
    );
    expect(url.origin).toBe('wss://bokujo.example.com');
    expect(url.pathname).toBe('/k8s/clusters/c-1/api/v1/namespaces/shop/pods/web-1/exec');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      container: 'nginx',
      command: '/bin/sh',
      stdin: 'true',
      stdout: 'true',
      tty: 'true',
    });
  });

  it('uses ws: on a plain-http page', () => {
    const url = execWebSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'c-1', 'shop', 'web-1', {
      container: 'nginx',
      command: '/bin/bash',
    });
    expect(url.startsWith('ws://127.0.0.1:8080/k8s/clusters/c-1/')).toBe(true);
  });
});
