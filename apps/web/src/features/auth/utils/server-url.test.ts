import { describe, expect, it } from 'vitest';
import { previewServerUrl, recogniseServerWarning } from './server-url';

describe('previewServerUrl', () => {
  it('warns about loopback and plain http like the server does', () => {
    expect(previewServerUrl('http://127.0.0.1:8080')).toEqual({ valid: true, warnings: ['loopback', 'notHttps'] });
    expect(previewServerUrl('https://localhost')).toEqual({ valid: true, warnings: ['loopback'] });
    expect(previewServerUrl('https://bokujo.example.com')).toEqual({ valid: true, warnings: [] });
  });

  it('refuses what is not an http(s) URL', () => {
    expect(previewServerUrl('bokujo.example.com').valid).toBe(false);
    expect(previewServerUrl('ftp://bokujo.example.com').valid).toBe(false);
  });

  it('recognises the server’s own warning sentences', () => {
    expect(
      recogniseServerWarning('The server URL is a loopback address: kubeconfigs and other machines cannot reach it'),
    ).toBe('loopback');
    expect(recogniseServerWarning('The server URL is not https: sessions and tokens travel in clear')).toBe('notHttps');
    expect(recogniseServerWarning('Something new')).toBeUndefined();
  });
});
