import { describe, expect, it } from 'vitest';
import { checkDnsLabel, checkDnsSubdomain, checkImageReference } from './names.ts';

describe('Kubernetes names', () => {
  it('accepts DNS subdomains with dots and refuses upper case, underscores and edges', () => {
    expect(checkDnsSubdomain('mongo.data-0')).toBeUndefined();
    expect(checkDnsSubdomain('')).toBe('required');
    expect(checkDnsSubdomain('Web')).toBe('pattern');
    expect(checkDnsSubdomain('web_1')).toBe('pattern');
    expect(checkDnsSubdomain('-web')).toBe('pattern');
    expect(checkDnsSubdomain('a'.repeat(254))).toBe('tooLong');
  });

  it('keeps labels to 63 characters without dots', () => {
    expect(checkDnsLabel('web-1')).toBeUndefined();
    expect(checkDnsLabel('web.1')).toBe('pattern');
    expect(checkDnsLabel('a'.repeat(64))).toBe('tooLong');
    expect(checkDnsLabel('http-metrics', 15)).toBeUndefined();
    expect(checkDnsLabel('http-metrics-extra', 15)).toBe('tooLong');
  });
});

describe('image references', () => {
  it.each([
    'nginx',
    'nginx:1.27',
    'library/mongo:7.0',
    'registry.example.co.jp:5000/team/app:v1.2.3',
    'ghcr.io/org/app@sha256:' + 'a'.repeat(64),
    'localhost:5000/app',
  ])('accepts %s', (image) => expect(checkImageReference(image)).toBeUndefined());

  it.each(['', '   '])('requires one (%j)', (image) => expect(checkImageReference(image)).toBe('required'));

  it.each(['Nginx', 'nginx:', 'nginx::1', 'app@sha256:short', 'with space/app'])('refuses %s', (image) =>
    expect(checkImageReference(image)).toBe('pattern'),
  );
});
