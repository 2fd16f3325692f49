import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, normaliseOrigin } from './upgrade-proxy.ts';

describe('isAllowedOrigin', () => {
  it('accepts a page served by the host the request went to', () => {
    expect(isAllowedOrigin('https://bokujo.example', 'bokujo.example', [])).toBe(true);
    expect(isAllowedOrigin('https://bokujo.example', 'BOKUJO.example:443', [])).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:3000', '127.0.0.1:3000', [])).toBe(true);
  });

  it('refuses other sites, other ports and sibling hosts', () => {
    expect(isAllowedOrigin('https://evil.example', 'bokujo.example', [])).toBe(false);
    expect(isAllowedOrigin('https://bokujo.example:8443', 'bokujo.example', [])).toBe(false);
    expect(isAllowedOrigin('https://dev.bokujo.example', 'bokujo.example', [])).toBe(false);
  });

  it('refuses a missing, opaque or malformed origin', () => {
    expect(isAllowedOrigin(undefined, 'bokujo.example', [])).toBe(false);
    expect(isAllowedOrigin('null', 'bokujo.example', [])).toBe(false);
    expect(isAllowedOrigin('not a url', 'bokujo.example', [])).toBe(false);
    expect(isAllowedOrigin('https://bokujo.example', undefined, [])).toBe(false);
  });

  it('accepts configured origins when a reverse proxy rewrites Host', () => {
    const allowed = [normaliseOrigin('https://Bokujo.Example:443/')];
    expect(allowed).toEqual(['https://bokujo.example']);
    expect(isAllowedOrigin('https://bokujo.example', '10.0.0.5:3000', allowed)).toBe(true);
    expect(isAllowedOrigin('https://evil.example', '10.0.0.5:3000', allowed)).toBe(false);
  });

  it('refuses to configure something that is no origin', () => {
    expect(() => normaliseOrigin('bokujo.example')).toThrow();
    expect(() => normaliseOrigin('file:///etc/passwd')).toThrow();
  });
});
